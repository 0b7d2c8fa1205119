import { ArgumentMetadata, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@rocu/domain';

/**
 * A referral id from the path, lower-cased as ids are stored: what is derived from it (its workflow id, an
 * Idempotency-Key's record) must not depend on how a client spelled it.
 */
class ReferralIdPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await super.transform(value, metadata)).toLowerCase();
  }
}

/** A malformed id cannot name a visible referral: answer as for any other unknown id. */
export const referralIdPipe = new ReferralIdPipe({
  exceptionFactory: () => new DomainError('NOT_FOUND', 'No such referral'),
});
