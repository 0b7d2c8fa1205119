import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { effectiveRoles, ROLES, Role } from '@rocu/domain';
import type { JWTPayload } from 'jose';
import { ReferenceDataService } from '../reference/reference-data.service';
import { AuthenticatedRequest, CurrentUser } from './current-user';
import { IS_PUBLIC } from './auth-metadata';
import { TokenService } from './token-service';

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/**
 * Exactly the compact JWS form: three unpadded base64url segments. Padding, standard-base64 characters or
 * more segments make another string that some decoders would read as the same token (issue 13).
 */
const COMPACT_JWS_BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly reference: ReferenceDataService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, unknown> }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? COMPACT_JWS_BEARER.exec(header) : null;
    if (!match) throw new UnauthorizedException('A bearer token is required');
    let payload: JWTPayload;
    try {
      payload = await this.tokens.verify(match[1]);
    } catch {
      throw new UnauthorizedException('The token is invalid or expired');
    }
    request.user = await this.toUser(payload);
    return true;
  }

  private async toUser(payload: JWTPayload): Promise<CurrentUser> {
    const { sub, name, roles, org, vetting } = payload as JWTPayload & Record<string, unknown>;
    if (typeof sub !== 'string' || typeof org !== 'string' || !Array.isArray(roles) || !roles.every(isRole)) {
      throw new UnauthorizedException('The token lacks valid sub, org or roles claims');
    }
    const organisation = await this.reference.findOrganisation(org);
    if (!organisation) throw new UnauthorizedException('The token names an unknown organisation');
    return {
      sub,
      name: typeof name === 'string' ? name : sub,
      roles: effectiveRoles(roles, organisation),
      org,
      region: organisation.regionCode,
      vetting: typeof vetting === 'string' ? vetting : undefined,
    };
  }
}
