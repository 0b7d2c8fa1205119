import { ValidateIf } from 'class-validator';

/**
 * An optional body field: it may be left out, but a JSON `null` is validated like any other value, so it is a
 * 400 naming the field. (`@IsOptional()` would take null for "left out", and code past the edge, the workflows'
 * own checks included, tells absent from present by `undefined`.)
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
