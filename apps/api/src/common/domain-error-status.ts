import type { ErrorCode } from '@rocu/domain';

/** The HTTP status of each domain error code; exhaustive, so a new code cannot be left unmapped. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'ROLE_NOT_ALLOWED':
    case 'FORBIDDEN':
    case 'RECUSED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'NOT_ALLOWED_IN_STATE':
    case 'VERSION_CONFLICT':
    case 'NOT_IN_SESSION':
    case 'NOT_QUORATE':
    case 'ALREADY_DECIDED':
    case 'ALREADY_EXISTS':
      return 409;
    case 'BUSINESS_RULE':
    case 'CONFLICT_OF_INTEREST':
    case 'DEVIATION_NEEDS_JUSTIFICATION':
    case 'ALLOCATION_NEEDS_JUSTIFICATION':
    case 'DECLINE_NEEDS_JUSTIFICATION':
    case 'NO_ROCU':
    case 'NOT_ON_AGENDA':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'RATIFICATION_RULE':
    case 'INVALID_AGENDA_ITEM':
    case 'DUPLICATE_AGENDA_ITEM':
    case 'INVALID_ASSESSMENT':
    case 'INVALID_CADENCE_POLICY':
    case 'INVALID_DATE':
    case 'INVALID_DEADLINE_INPUT':
    case 'INVALID_REFERRAL_EVENT':
    case 'INVALID_SCORING_SCHEME':
    case 'INVALID_WORKING_TIME':
    case 'INVALID_WORKING_DAYS':
    case 'INVALID_MEETING_COUNT':
      return 422;
    case 'UNAVAILABLE':
      return 503;
  }
}
