import { ValidateBy, ValidationOptions } from 'class-validator';
import { INSTANT_WINDOWS, InstantWindow, isInstant, isWithinWindow } from '@rocu/domain';

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

/** An instant (see IsInstant) within the sensible window for its meaning, judged against the clock now. */
export const IsInstantWithin = (window: InstantWindow): PropertyDecorator =>
  ValidateBy({
    name: 'isInstantWithin',
    validator: {
      validate: (value: unknown) => isInstant(value) && isWithinWindow(value, window, new Date()),
      defaultMessage: () =>
        `$property must be a date-time with a time zone, ${INSTANT_WINDOWS[window].meaning}, e.g. 2026-11-20T06:00:00Z`,
    },
  });
