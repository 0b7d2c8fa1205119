import { Role } from '../roles';
import { MeetingDecision, RatificationOutcome, referralStatusAfter } from '../meetings/meeting-types';
import type { ReferralOrigin } from '../national/national-tasking';
import { LIVE_TASKING_STATUSES, PRE_DECISION_STATUSES, ReferralStatus, Route, TriageDecision } from './referral-status';

/** What a person can do to a referral. Add a member here, an event shape and a table row to extend. */
export const REFERRAL_ACTIONS = [
  'TRIAGE',
  'PROVIDE_INFORMATION',
  'ASSESS',
  'WITHDRAW',
  'DECIDE',
  'RATIFICATION',
  'ALLOCATE_SIO',
  'NAME_LRO',
  'REALLOCATE_SIO',
  'REPLACE_LRO',
  'CLOSE',
  'RECORD_PARTNER_CHECK',
  'DISPOSE_TO_PARTNER',
  'NATIONAL_ACCEPT',
  'NATIONAL_RETURN',
  'NATIONAL_TASKING',
] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

export type ReferralEvent =
  | { type: 'TRIAGE'; decision: TriageDecision }
  | { type: 'PROVIDE_INFORMATION' }
  | { type: 'ASSESS'; route: Route }
  | { type: 'WITHDRAW' }
  /** A tasking decision: made at a TTCG or covert commissioning meeting, or urgently out of meeting. */
  | { type: 'DECIDE'; decision: MeetingDecision }
  /** A meeting ratifies the urgent decision (RATIFY, with that decision) or overturns it with a new one. */
  | { type: 'RATIFICATION'; outcome: RatificationOutcome; decision: MeetingDecision }
  | { type: 'ALLOCATE_SIO' }
  | { type: 'NAME_LRO' }
  /** A new SIO or LRO takes over the tasking and its plan; the status stays. */
  | { type: 'REALLOCATE_SIO' }
  | { type: 'REPLACE_LRO' }
  | { type: 'CLOSE' }
  /** The GAIN co-ordinator records a partner-agency check ("hit" or "no hit"); the status stays. */
  | { type: 'RECORD_PARTNER_CHECK' }
  /** The GAIN co-ordinator disposes of the referral to a partner agency, with the partner's reference. */
  | { type: 'DISPOSE_TO_PARTNER' }
  /** The NCA accepts a referral sent national, with its reference: it leaves the region's books. */
  | { type: 'NATIONAL_ACCEPT' }
  /** The NCA returns a referral sent national to the region, with reasons. */
  | { type: 'NATIONAL_RETURN' }
  /** A tasking request the NCA made, scored by the NCA, goes straight to the region's next TTCG. */
  | { type: 'NATIONAL_TASKING' };

export type EventOf<A extends ReferralAction> = Extract<ReferralEvent, { type: A }>;

/** The part of a referral the rules look at. */
export interface ReferralRecord {
  status: ReferralStatus;
  ownerOrg: string;
  region: string;
  /** After adoption: whether the force has named its LRO. */
  lroNamed?: boolean;
  /** After closure: whether the subject still awaits its re-assessment. */
  reassessmentDue?: boolean;
  /** Whether an urgent out-of-meeting decision still awaits its meeting's ratification. */
  urgentDecisionPending?: boolean;
  /** Sent national and waiting in the NCA's queue for its answer (accept or return). */
  nationalResponsePending?: boolean;
  /**
   * Where a return from the NCA puts the referral: back to the meeting's agenda when a meeting sent it,
   * back to assessment when the assessor routed it national.
   */
  nationalReturnTo?: ReferralStatus;
  /** A tasking request the NCA put to the region (absent for the ordinary intake). */
  origin?: ReferralOrigin;
}

/**
 * How an actor's role must relate to the record: REGION = the actor works in the referral's region
 * (ROCU staff), OWNER_ORG = the actor belongs to the organisation that submitted it, NATIONAL = any region's
 * referral (the NCA's national queue).
 */
export type ActorScope = 'REGION' | 'OWNER_ORG' | 'NATIONAL';

export interface Permission {
  role: Role;
  scope: ActorScope;
}

export interface TransitionRule<A extends ReferralAction> {
  from: readonly ReferralStatus[];
  who: readonly Permission[];
  /** A further condition on the record, beyond its status, and how refusals describe it. */
  when?: (record: ReferralRecord) => boolean;
  whenDescription?: string;
  to: (event: EventOf<A>, record: ReferralRecord) => ReferralStatus;
  /** Used in refusal reasons, e.g. "a gateway assessor of the referral's region". */
  whoDescription: string;
}

export type TransitionTable = { readonly [A in ReferralAction]: readonly TransitionRule<A>[] };

export const TRIAGE_OUTCOMES: Readonly<Record<TriageDecision, ReferralStatus>> = {
  ACCEPT: 'ASSESSMENT',
  REQUEST_INFO: 'INFO_REQUESTED',
  REJECT: 'REJECTED',
};

export const ROUTE_OUTCOMES: Readonly<Record<Route, ReferralStatus>> = {
  TTCG: 'AWAITING_DECISION',
  COVERT_COMMISSIONING: 'AWAITING_DECISION',
  REFER_NATIONAL: 'REFERRED_NATIONAL',
  REFER_PARTNER: 'REFERRED_PARTNER',
  RETURN_TO_FORCE: 'DECLINED',
};

/** The statuses an urgent decision can leave a referral in (and, once adopted, the tasking's own progress). */
export const URGENTLY_DECIDED_STATUSES: readonly ReferralStatus[] = [
  'ADOPTED',
  'SIO_ALLOCATED',
  'ACTIVE',
  'DECLINED',
  'REFERRED_NATIONAL',
  'REFERRED_PARTNER',
];

/**
 * Where a ratification leaves the referral: RATIFY keeps it where it is; OVERTURN moves it as the new
 * decision would, except that one adoption replacing another keeps the tasking's progress (SIO, plan).
 */
export function statusAfterRatification(
  outcome: RatificationOutcome,
  decision: MeetingDecision,
  current: ReferralStatus,
): ReferralStatus {
  if (outcome === 'RATIFY') return current;
  const after = referralStatusAfter(decision);
  return after === 'ADOPTED' && LIVE_TASKING_STATUSES.includes(current) ? current : after;
}

/** Whether overturning stands a tasking down (an adoption replaced by anything but an adoption). */
export function standsTaskingDown(from: ReferralStatus, to: ReferralStatus): boolean {
  return LIVE_TASKING_STATUSES.includes(from) && !LIVE_TASKING_STATUSES.includes(to);
}

const REGIONAL_ASSESSOR: readonly Permission[] = [{ role: 'GATEWAY_ASSESSOR', scope: 'REGION' }];
/** The referring organisation's referrer; for the NCA's own referrals, its liaison (who submits them). */
const OWNING_REFERRER: readonly Permission[] = [
  { role: 'FORCE_REFERRER', scope: 'OWNER_ORG' },
  { role: 'NCA_LIAISON', scope: 'OWNER_ORG' },
];
const REGIONAL_MANAGER: readonly Permission[] = [{ role: 'ROCU_MANAGER', scope: 'REGION' }];
const REGIONAL_GAIN: readonly Permission[] = [{ role: 'GAIN_COORDINATOR', scope: 'REGION' }];
const NCA_QUEUE: readonly Permission[] = [{ role: 'NCA_LIAISON', scope: 'NATIONAL' }];
const awaitingNca = (record: ReferralRecord): boolean => record.nationalResponsePending === true;

/**
 * The referral lifecycle as data: per action, from which states, who, and the resulting state.
 * An action may have several rows (e.g. a later out-of-meeting decision for IMMEDIATE referrals).
 */
export const REFERRAL_TRANSITIONS: TransitionTable = {
  TRIAGE: [
    {
      from: ['SUBMITTED', 'TRIAGE'],
      who: REGIONAL_ASSESSOR,
      whoDescription: "a gateway assessor of the referral's region",
      to: (event) => TRIAGE_OUTCOMES[event.decision],
    },
  ],
  PROVIDE_INFORMATION: [
    {
      from: ['INFO_REQUESTED'],
      who: OWNING_REFERRER,
      whoDescription: 'a referrer (or NCA liaison) from the organisation that submitted the referral',
      to: () => 'TRIAGE',
    },
  ],
  ASSESS: [
    {
      // AWAITING_DECISION and DEFERRED are allowed so an assessor can re-score before the (next) meeting;
      // a deferred referral routed to a meeting again stays deferred, so it keeps its standing on the agenda.
      from: ['ASSESSMENT', 'AWAITING_DECISION', 'DEFERRED'],
      who: REGIONAL_ASSESSOR,
      whoDescription: "a gateway assessor of the referral's region",
      to: (event, record) => {
        const to = ROUTE_OUTCOMES[event.route];
        return record.status === 'DEFERRED' && to === 'AWAITING_DECISION' ? 'DEFERRED' : to;
      },
    },
    {
      // Closing a tasking prompts a re-score of its subject: a new assessment in its history.
      from: ['CLOSED'],
      when: (record) => record.reassessmentDue === true,
      whenDescription: 'while a re-assessment of the subject is due',
      who: REGIONAL_ASSESSOR,
      whoDescription: "a gateway assessor of the referral's region",
      to: () => 'CLOSED',
    },
  ],
  WITHDRAW: [
    {
      // Any time before a decision settles it: a deferred referral is still waiting for one.
      from: PRE_DECISION_STATUSES,
      who: OWNING_REFERRER,
      whoDescription: 'a referrer (or NCA liaison) from the organisation that submitted the referral',
      to: () => 'WITHDRAWN',
    },
  ],
  DECIDE: [
    {
      // A deferred referral comes back to a later meeting for a fresh decision.
      from: ['AWAITING_DECISION', 'DEFERRED'],
      who: [{ role: 'TTCG_CHAIR', scope: 'REGION' }],
      whoDescription: "a TTCG chair of the referral's region",
      to: (event) => referralStatusAfter(event.decision),
    },
  ],
  RATIFICATION: [
    {
      from: URGENTLY_DECIDED_STATUSES,
      when: (record) => record.urgentDecisionPending === true,
      whenDescription: 'while its urgent decision awaits ratification',
      who: [{ role: 'TTCG_CHAIR', scope: 'REGION' }],
      whoDescription: "a TTCG chair of the referral's region",
      to: (event, record) => statusAfterRatification(event.outcome, event.decision, record.status),
    },
  ],
  ALLOCATE_SIO: [
    {
      from: ['ADOPTED'],
      who: REGIONAL_MANAGER,
      whoDescription: "a ROCU manager of the referral's region",
      // The plan starts once both owners are in place, whichever is named first.
      to: (_event, record) => (record.lroNamed ? 'ACTIVE' : 'SIO_ALLOCATED'),
    },
  ],
  NAME_LRO: [
    {
      from: ['ADOPTED', 'SIO_ALLOCATED'],
      who: [
        { role: 'FORCE_REFERRER', scope: 'OWNER_ORG' },
        { role: 'LRO', scope: 'OWNER_ORG' },
      ],
      whoDescription: 'a referrer or LRO of the organisation that submitted the referral',
      to: (_event, record) => (record.status === 'SIO_ALLOCATED' ? 'ACTIVE' : 'ADOPTED'),
    },
  ],
  REALLOCATE_SIO: [
    {
      from: ['SIO_ALLOCATED', 'ACTIVE'],
      who: REGIONAL_MANAGER,
      whoDescription: "a ROCU manager of the referral's region",
      to: (_event, record) => record.status,
    },
  ],
  REPLACE_LRO: [
    {
      // Before the plan starts the force simply names its LRO again (NAME_LRO).
      from: ['ACTIVE'],
      who: [
        { role: 'FORCE_REFERRER', scope: 'OWNER_ORG' },
        { role: 'LRO', scope: 'OWNER_ORG' },
      ],
      whoDescription: 'a referrer or LRO of the organisation that submitted the referral',
      to: (_event, record) => record.status,
    },
  ],
  CLOSE: [
    {
      // Closed first, an urgent decision would never reach the meeting that must ratify or overturn it.
      from: ['ACTIVE'],
      when: (record) => record.urgentDecisionPending !== true,
      whenDescription: 'once its urgent decision is ratified',
      who: REGIONAL_MANAGER,
      whoDescription: "a ROCU manager of the referral's region",
      to: () => 'CLOSED',
    },
  ],
  RECORD_PARTNER_CHECK: [
    {
      // During triage and assessment, and until the meeting decides (the agenda shows the checks).
      from: PRE_DECISION_STATUSES,
      who: REGIONAL_GAIN,
      whoDescription: "the GAIN co-ordinator of the referral's region",
      to: (_event, record) => record.status,
    },
  ],
  DISPOSE_TO_PARTNER: [
    {
      // A GAIN disposal (domain.md section 1): a case better suited to a partner leaves the gateway before a decision.
      from: PRE_DECISION_STATUSES,
      who: REGIONAL_GAIN,
      whoDescription: "the GAIN co-ordinator of the referral's region",
      to: () => 'REFERRED_PARTNER',
    },
  ],
  NATIONAL_ACCEPT: [
    {
      from: ['REFERRED_NATIONAL'],
      when: awaitingNca,
      whenDescription: "while it awaits the NCA's answer",
      who: NCA_QUEUE,
      whoDescription: 'an NCA liaison',
      to: () => 'REFERRED_NATIONAL',
    },
  ],
  NATIONAL_RETURN: [
    {
      from: ['REFERRED_NATIONAL'],
      when: awaitingNca,
      whenDescription: "while it awaits the NCA's answer",
      who: NCA_QUEUE,
      whoDescription: 'an NCA liaison',
      to: (_event, record) => record.nationalReturnTo ?? 'AWAITING_DECISION',
    },
  ],
  NATIONAL_TASKING: [
    {
      // Taken by the request's own workflow as it is made: the NCA's score stands in for triage and assessment.
      from: ['SUBMITTED'],
      when: (record) => record.origin === 'NCA_TASKING',
      whenDescription: 'for a tasking request the NCA made',
      who: [{ role: 'NCA_LIAISON', scope: 'OWNER_ORG' }],
      whoDescription: 'the NCA liaison who made the request',
      to: () => 'AWAITING_DECISION',
    },
  ],
};
