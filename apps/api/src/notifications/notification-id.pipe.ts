import { PipeTransform } from '@nestjs/common';
import { DomainError } from '@rocu/domain';

/** A notification id is a positive whole number; anything else names no notification the caller has (404). */
export const notificationIdPipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!/^[1-9]\d{0,17}$/.test(value)) throw new DomainError('NOT_FOUND', 'No such notification');
    return value;
  },
};
