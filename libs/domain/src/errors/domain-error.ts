/**
 * A rule of the domain was broken. `code` is stable and machine-readable (the API's exception filter
 * maps it to problem+json); `message` is for people; `details` carries field-level context.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
