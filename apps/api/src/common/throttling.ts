import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '@rocu/config';
import type { AuthenticatedRequest } from '../auth/current-user';

const BY_ADDRESS = 'address';
const BY_IDENTITY = 'identity';

/**
 * Two limits of the same size (issue #13): per client address (Express's `req.ip`, which believes forwarding
 * headers only from the TRUST_PROXY hops) and per signed-in person, so neither a fresh address nor a fresh
 * X-Forwarded-For value gives a caller a fresh allowance.
 */
export const throttlers = (config: AppConfig): ThrottlerOptions[] => [
  { name: BY_ADDRESS, ttl: config.THROTTLE_TTL_MS, limit: config.THROTTLE_LIMIT },
  {
    name: BY_IDENTITY,
    ttl: config.THROTTLE_TTL_MS,
    limit: config.THROTTLE_LIMIT,
    getTracker: (req: AuthenticatedRequest) => `${req.user?.org ?? ''}\u0000${req.user?.sub ?? ''}`,
  },
];

/** Runs before authentication, so a flood of bad tokens is limited too: the address limit only. */
@Injectable()
export class AddressThrottlerGuard extends ThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => throttler.name === BY_ADDRESS);
  }
}

/** Runs after authentication: the per-person limit, for signed-in callers. */
@Injectable()
export class IdentityThrottlerGuard extends ThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => throttler.name === BY_IDENTITY);
  }

  protected override shouldSkip(context: Parameters<ThrottlerGuard['canActivate']>[0]): Promise<boolean> {
    return Promise.resolve(context.switchToHttp().getRequest<AuthenticatedRequest>().user === undefined);
  }
}
