/**
 * Every error code the domain, the workflows and the API raise: a closed list, so the API's mapping to HTTP
 * statuses (an exhaustive switch) must decide each new code. The INVALID_* and DUPLICATE_* codes guard
 * programming and configuration mistakes inside the domain.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'ROLE_NOT_ALLOWED',
  'FORBIDDEN',
  'RECUSED',
  'NOT_ALLOWED_IN_STATE',
  'VERSION_CONFLICT',
  'NOT_IN_SESSION',
  'NOT_QUORATE',
  'ALREADY_DECIDED',
  'BUSINESS_RULE',
  'CONFLICT_OF_INTEREST',
  'DEVIATION_NEEDS_JUSTIFICATION',
  'ALLOCATION_NEEDS_JUSTIFICATION',
  'DECLINE_NEEDS_JUSTIFICATION',
  'NO_ROCU',
  'NOT_ON_AGENDA',
  'IDEMPOTENCY_KEY_REUSED',
  'ALREADY_EXISTS',
  'RATIFICATION_RULE',
  'UNAVAILABLE',
  'INVALID_AGENDA_ITEM',
  'DUPLICATE_AGENDA_ITEM',
  'INVALID_ASSESSMENT',
  'INVALID_CADENCE_POLICY',
  'INVALID_DATE',
  'INVALID_DEADLINE_INPUT',
  'INVALID_REFERRAL_EVENT',
  'INVALID_SCORING_SCHEME',
  'INVALID_WORKING_TIME',
  'INVALID_WORKING_DAYS',
  'INVALID_MEETING_COUNT',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/**
 * A rule of the domain was broken. `code` is stable and machine-readable (the API's exception filter
 * maps it to problem+json); `message` is for people; `details` carries field-level context.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
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
