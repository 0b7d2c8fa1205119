import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@rocu/domain';

/** A malformed id cannot name a visible referral: answer as for any other unknown id. */
export const referralIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError('NOT_FOUND', 'No such referral'),
});
