import type { ErrorCode } from '../errors/domain-error';
import { nationalDeclineOutsideMeetingRefusal, type ReferralOrigin } from '../national/national-tasking';
import { ReferralStatus, Urgency } from '../referral/referral-status';
import { MEETING_DECISIONS, MeetingDecision, referralStatusAfter } from './meeting-types';

export type UrgentDecisionRefusal = Extract<ErrorCode, 'NOT_ALLOWED_IN_STATE' | 'BUSINESS_RULE'>;

export type UrgentDecisionCheck = { ok: true } | { ok: false; refusal: UrgentDecisionRefusal; reason: string };

/** The only status an out-of-meeting decision may be taken in: once decided, the next meeting ratifies it. */
export const URGENT_DECISION_STATUS: ReferralStatus = 'AWAITING_DECISION';

/** The decisions an urgent (out-of-meeting) decision may take: any but DEFER (see checkUrgentDecision). */
export const URGENT_DECISIONS: readonly MeetingDecision[] = MEETING_DECISIONS.filter(
  (decision) => decision !== 'DEFER',
);

/**
 * An urgent (out-of-meeting) decision exists because the case cannot wait for the next meeting: only an
 * IMMEDIATE referral still awaiting its decision qualifies (a second urgent decision, or one on a deferred
 * referral, is refused for its state), and DEFER is refused, since putting a decision off is exactly what
 * the next meeting is for; and a tasking request the NCA made is not declined out of meeting (its decline needs
 * a meeting's justification). Checked after the ordinary DECIDE transition (role and state).
 */
export function checkUrgentDecision(
  referral: { status: ReferralStatus; urgency: Urgency; origin?: ReferralOrigin },
  decision: MeetingDecision,
): UrgentDecisionCheck {
  if (referral.status !== URGENT_DECISION_STATUS) {
    return {
      ok: false,
      refusal: 'NOT_ALLOWED_IN_STATE',
      reason: `A referral in status ${referral.status} cannot be decided out of meeting; an urgent decision is allowed only once, while it is ${URGENT_DECISION_STATUS}.`,
    };
  }
  if (referral.urgency !== 'IMMEDIATE') {
    return {
      ok: false,
      refusal: 'BUSINESS_RULE',
      reason: 'Only an IMMEDIATE referral may be decided out of meeting; list it at the next meeting.',
    };
  }
  if (!URGENT_DECISIONS.includes(decision)) {
    return {
      ok: false,
      refusal: 'BUSINESS_RULE',
      reason:
        'An urgent decision cannot DEFER: it is taken because the case cannot wait; leave the referral for the next meeting instead.',
    };
  }
  const nationalDecline = nationalDeclineOutsideMeetingRefusal(referral, referralStatusAfter(decision));
  if (nationalDecline !== null) return { ok: false, refusal: 'BUSINESS_RULE', reason: nationalDecline };
  return { ok: true };
}
