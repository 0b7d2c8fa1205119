import { ValidateBy, ValidationOptions } from 'class-validator';
import { isInstant } from '@rocu/domain';

/** An RFC 3339 date-time with a zone that Postgres can store (see isInstant). */
export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value),
        defaultMessage: () => '$property must be a date-time with a time zone, e.g. 2026-11-20T06:00:00Z',
      },
    },
    options,
  );
