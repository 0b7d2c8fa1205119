import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID, type ValidationOptions } from 'class-validator';

const lowerCased = (value: unknown): unknown =>
  typeof value === 'string' ? value.toLowerCase() : Array.isArray(value) ? value.map(lowerCased) : value;

/**
 * A record's id in a body or query, lower-cased as ids are stored (recordIdPipe does the same for paths): an id a
 * client spells in capitals names the same record, on an agenda or in a register, as it does in a path.
 */
export const IsRecordId = (options?: ValidationOptions): PropertyDecorator =>
  applyDecorators(
    IsUUID('all', options),
    Transform(({ value }: { value: unknown }) => lowerCased(value)),
  );
