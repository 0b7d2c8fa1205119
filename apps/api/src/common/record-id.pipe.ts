import { ArgumentMetadata, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@rocu/domain';

/**
 * A record's id from the path, lower-cased as ids are stored: what is derived from it (a workflow id, an
 * Idempotency-Key's record) must not depend on how a client spelled it. A malformed id cannot name a record
 * the caller may see: answered as any unknown id (404).
 */
class RecordIdPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await super.transform(value, metadata)).toLowerCase();
  }
}

export const recordIdPipe = (unknown: string): RecordIdPipe =>
  new RecordIdPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', unknown) });

export const referralIdPipe = recordIdPipe('No such referral');
