/** The answer of a partner-agency check run by the GAIN co-ordinator. */
export const PARTNER_CHECK_RESULTS = ['HIT', 'NO_HIT'] as const;
export type PartnerCheckResult = (typeof PARTNER_CHECK_RESULTS)[number];

/** A partner-agency check: which agency, when asked, its answer, its reference and when it answered (dates). */
export interface PartnerCheck {
  agency: string;
  /** ISO date (YYYY-MM-DD) the check was requested. */
  requestedOn: string;
  result: PartnerCheckResult;
  /** The partner's reference for what it holds; required for a hit. */
  reference?: string;
  /** ISO date (YYYY-MM-DD) the partner answered. */
  checkedOn: string;
}

export interface PartnerCheckFieldError {
  field: keyof PartnerCheck;
  code: string;
  message: string;
}

/**
 * What is wrong with a check beyond its shape: a hit names the partner's reference, a check is answered on
 * or after it was asked, and not in the future (`today` is the London date).
 */
export function partnerCheckErrors(check: PartnerCheck, today: string): PartnerCheckFieldError[] {
  const errors: PartnerCheckFieldError[] = [];
  if (check.result === 'HIT' && !check.reference?.trim()) {
    errors.push({ field: 'reference', code: 'required', message: "A hit names the partner's reference" });
  }
  if (check.checkedOn < check.requestedOn) {
    errors.push({ field: 'checkedOn', code: 'before_request', message: 'A check is answered on or after its request' });
  }
  if (check.requestedOn > today) {
    errors.push({ field: 'requestedOn', code: 'in_future', message: 'The request date is in the future' });
  }
  if (check.checkedOn > today) {
    errors.push({ field: 'checkedOn', code: 'in_future', message: 'The answer date is in the future' });
  }
  return errors;
}
