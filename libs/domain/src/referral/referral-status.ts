/** Referral states (domain.md section 1). */
export const REFERRAL_STATUSES = [
  'SUBMITTED',
  'TRIAGE',
  'INFO_REQUESTED',
  'ASSESSMENT',
  'AWAITING_DECISION',
  'ADOPTED',
  'SIO_ALLOCATED',
  'ACTIVE',
  'CLOSED',
  'DEFERRED',
  'DECLINED',
  'REFERRED_NATIONAL',
  'REFERRED_PARTNER',
  'WITHDRAWN',
  'REJECTED',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const URGENCIES = ['IMMEDIATE', 'PRIORITY', 'ROUTINE'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Where the gateway assessor sends a scored referral. */
export const ROUTES = ['TTCG', 'COVERT_COMMISSIONING', 'REFER_NATIONAL', 'REFER_PARTNER', 'RETURN_TO_FORCE'] as const;
export type Route = (typeof ROUTES)[number];

export const TRIAGE_DECISIONS = ['ACCEPT', 'REQUEST_INFO', 'REJECT'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

/** No further work happens on the referral itself in these states. */
export const TERMINAL_STATUSES: readonly ReferralStatus[] = [
  'CLOSED',
  'DECLINED',
  'REFERRED_NATIONAL',
  'REFERRED_PARTNER',
  'WITHDRAWN',
  'REJECTED',
];

/**
 * Before a TTCG / commissioning decision settles the referral: the referrer may still withdraw. A deferral
 * settles nothing (the referral waits for the next meeting), so DEFERRED is among them.
 */
export const PRE_DECISION_STATUSES: readonly ReferralStatus[] = [
  'SUBMITTED',
  'TRIAGE',
  'INFO_REQUESTED',
  'ASSESSMENT',
  'AWAITING_DECISION',
  'DEFERRED',
];

/** Waiting for a TTCG or commissioning decision: listed on the next agenda of the meeting type it was routed to. */
export const AWAITING_MEETING_STATUSES: readonly ReferralStatus[] = ['AWAITING_DECISION', 'DEFERRED'];

/** Adopted and not yet closed: a live tasking, which comes back to the region's meetings for review. */
export const LIVE_TASKING_STATUSES: readonly ReferralStatus[] = ['ADOPTED', 'SIO_ALLOCATED', 'ACTIVE'];

/**
 * A referral on a meeting's agenda in one of these has left meetings' hands for good (withdrawn, or decided outside
 * that meeting): no meeting will decide it again. Declined or adopted counts only once no urgent decision awaits
 * ratification (an overturn to a deferral sends it back to be decided), and with the NCA it may be returned, so
 * REFERRED_NATIONAL does not count.
 */
export const SETTLED_STATUSES: readonly ReferralStatus[] = ['WITHDRAWN', 'REJECTED', 'REFERRED_PARTNER', 'CLOSED'];
export const SETTLED_ONCE_RATIFIED_STATUSES: readonly ReferralStatus[] = ['DECLINED', ...LIVE_TASKING_STATUSES];

/** A live tasking with its SIO allocated: it counts towards its SIO's and LRO's workload. */
export const ALLOCATED_TASKING_STATUSES: readonly ReferralStatus[] = ['SIO_ALLOCATED', 'ACTIVE'];

/** A referral can still come before a meeting: awaiting a decision, deferred, or as a live tasking. */
export const MEETING_BUSINESS_STATUSES: readonly ReferralStatus[] = [
  ...AWAITING_MEETING_STATUSES,
  ...LIVE_TASKING_STATUSES,
];

export function isTerminal(status: ReferralStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function isBeforeDecision(status: ReferralStatus): boolean {
  return PRE_DECISION_STATUSES.includes(status);
}

function isMember<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export const isReferralStatus = (value: unknown): value is ReferralStatus => isMember(REFERRAL_STATUSES, value);
export const isUrgency = (value: unknown): value is Urgency => isMember(URGENCIES, value);
export const isRoute = (value: unknown): value is Route => isMember(ROUTES, value);
export const isTriageDecision = (value: unknown): value is TriageDecision => isMember(TRIAGE_DECISIONS, value);
