/** Domain error codes and the HTTP status each maps to; one table, used only by the exception filter. */
export const DOMAIN_ERROR_STATUS: Record<string, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  ROLE_NOT_ALLOWED: 403,
  FORBIDDEN: 403,
  NOT_ALLOWED_IN_STATE: 409,
  VERSION_CONFLICT: 409,
  BUSINESS_RULE: 422,
  CONFLICT_OF_INTEREST: 422,
  DEVIATION_NEEDS_JUSTIFICATION: 422,
  NOT_ON_AGENDA: 422,
  RECUSED: 403,
  ALREADY_DECIDED: 409,
  UNAVAILABLE: 503,
};
