import { ERROR_CODES, ErrorCode } from '@rocu/domain';
import { httpStatusOf } from './domain-error-status';

/** Written out code by code (api-contract.md's statuses); the domain's own guard codes are 422. */
const EXPECTED: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  ROLE_NOT_ALLOWED: 403,
  FORBIDDEN: 403,
  RECUSED: 403,
  NOT_ALLOWED_IN_STATE: 409,
  VERSION_CONFLICT: 409,
  NOT_IN_SESSION: 409,
  NOT_QUORATE: 409,
  ALREADY_DECIDED: 409,
  BUSINESS_RULE: 422,
  CONFLICT_OF_INTEREST: 422,
  DEVIATION_NEEDS_JUSTIFICATION: 422,
  ALLOCATION_NEEDS_JUSTIFICATION: 422,
  NO_ROCU: 422,
  NOT_ON_AGENDA: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATIFICATION_RULE: 422,
  UNAVAILABLE: 503,
  INVALID_AGENDA_ITEM: 422,
  DUPLICATE_AGENDA_ITEM: 422,
  INVALID_ASSESSMENT: 422,
  INVALID_CADENCE_POLICY: 422,
  INVALID_DATE: 422,
  INVALID_DEADLINE_INPUT: 422,
  INVALID_REFERRAL_EVENT: 422,
  INVALID_SCORING_SCHEME: 422,
  INVALID_WORKING_TIME: 422,
  INVALID_WORKING_DAYS: 422,
  INVALID_MEETING_COUNT: 422,
};

describe('httpStatusOf', () => {
  it.each(ERROR_CODES.map((code) => [code, EXPECTED[code]] as const))('maps %s to %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });
});
