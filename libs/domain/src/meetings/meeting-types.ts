import { Route } from '../referral/referral-status';

/** Meetings that decide referrals (domain.md section 6). */
export const MEETING_TYPES = ['TTCG', 'COVERT_COMMISSIONING'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** SCHEDULED -> AGENDA_FROZEN (papers closed, ranks fixed) -> CLOSED (minutes final). */
export const MEETING_STATUSES = ['SCHEDULED', 'AGENDA_FROZEN', 'CLOSED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A decision on one agenda item. Each is recorded with a rationale (necessity, proportionality, options). */
export const MEETING_DECISIONS = [
  'ADOPT_ROCU_LEAD',
  'ADOPT_SUPPORT_ONLY',
  'TASK_INTEL_DEVELOPMENT',
  'DEFER',
  'DECLINE_RETURN_TO_FORCE',
  'REFER_NATIONAL',
  'REFER_PARTNER',
] as const;
export type MeetingDecision = (typeof MEETING_DECISIONS)[number];

/** A meeting's answer to an urgent out-of-meeting decision: let it stand, or overturn it with a new decision. */
export const RATIFICATION_OUTCOMES = ['RATIFY', 'OVERTURN'] as const;
export type RatificationOutcome = (typeof RATIFICATION_OUTCOMES)[number];

/** The referral status each decision moves the referral to. */
export type DecisionOutcomeStatus = 'ADOPTED' | 'DEFERRED' | 'DECLINED' | 'REFERRED_NATIONAL' | 'REFERRED_PARTNER';

export const DECISION_OUTCOMES: Readonly<Record<MeetingDecision, DecisionOutcomeStatus>> = {
  ADOPT_ROCU_LEAD: 'ADOPTED',
  ADOPT_SUPPORT_ONLY: 'ADOPTED',
  TASK_INTEL_DEVELOPMENT: 'ADOPTED',
  DEFER: 'DEFERRED',
  DECLINE_RETURN_TO_FORCE: 'DECLINED',
  REFER_NATIONAL: 'REFERRED_NATIONAL',
  REFER_PARTNER: 'REFERRED_PARTNER',
};

/** Decisions that commit ROCU resources; only these can pass over higher-ranked items. */
export const ADOPTION_DECISIONS: readonly MeetingDecision[] = [
  'ADOPT_ROCU_LEAD',
  'ADOPT_SUPPORT_ONLY',
  'TASK_INTEL_DEVELOPMENT',
];

export function isAdoption(decision: MeetingDecision): boolean {
  return ADOPTION_DECISIONS.includes(decision);
}

/** What a decision does to the referral: the referral status it moves to. */
export function referralStatusAfter(decision: MeetingDecision): DecisionOutcomeStatus {
  return DECISION_OUTCOMES[decision];
}

/** Which meeting hears a referral the gateway assessor routed; routes that leave the ROCU give null. */
export const ROUTE_MEETING_TYPES: Readonly<Record<Route, MeetingType | null>> = {
  TTCG: 'TTCG',
  COVERT_COMMISSIONING: 'COVERT_COMMISSIONING',
  REFER_NATIONAL: null,
  REFER_PARTNER: null,
  RETURN_TO_FORCE: null,
};

export function routeMeetingType(route: Route): MeetingType | null {
  return ROUTE_MEETING_TYPES[route] ?? null;
}

function isMember<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export const isMeetingType = (value: unknown): value is MeetingType => isMember(MEETING_TYPES, value);
export const isMeetingStatus = (value: unknown): value is MeetingStatus => isMember(MEETING_STATUSES, value);
export const isMeetingDecision = (value: unknown): value is MeetingDecision => isMember(MEETING_DECISIONS, value);
export const isRatificationOutcome = (value: unknown): value is RatificationOutcome =>
  isMember(RATIFICATION_OUTCOMES, value);
