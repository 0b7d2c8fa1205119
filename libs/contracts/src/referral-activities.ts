import type {
  Actor,
  AllocationRule,
  DeadlineStage,
  Participant,
  PartnerCheck,
  PlanRole,
  ReferralStatus,
  ScoreResult,
} from '@rocu/domain';
import type { ConflictDeclaration, DeadlineView, ReferralWorkflowInput } from './referral-workflow';

/** One transition of one referral; (workflowId, seq) makes its projection idempotent. */
export interface ReferralTransitionEvent {
  workflowId: string;
  referralId: string;
  seq: number;
  at: string;
  from: ReferralStatus | null;
  to: ReferralStatus;
  action: string;
  actor: Actor;
  reason?: string;
  correlationId?: string;
  deadlines: DeadlineView[];
  /** Time spent waiting for the referrer so far, in ms (the paused clock). */
  pausedMs: number;
  information?: { kind: 'REQUEST' | 'RESPONSE'; text: string };
  assessment?: {
    score: ScoreResult;
    input: unknown;
    route: string;
    rationale: Record<string, string>;
    /** The national priority the assessor aligned the work to (absent: none, or a command before issue 16's). */
    nationalPriority?: string;
  };
  /** A tasking decision; without meetingId it was an urgent out-of-meeting decision awaiting ratification. */
  taskingDecision?: { decision: string; rationale: string; meetingId?: string; onwardReference?: string };
  sioAllocation?: {
    officer: Participant;
    justification: string;
    conflictDeclaration: ConflictDeclaration;
    ruleExceptions?: AllocationRule[];
    exceptionJustification?: string;
    /** The approved mutual-aid request that lent this SIO from another region. */
    mutualAidRequestId?: string;
  };
  lro?: Participant;
  /** Present when the SIO or LRO is replaced: the tasking and its plan change hands. */
  ownerChange?: { role: PlanRole; from: Participant; to: Participant; reason: string };
  /** Present on the transition to ACTIVE: the plan starts, with its first joint review due. */
  planStarted?: { sio: Participant; lro: Participant; nextReviewDueAt: string };
  /** Present on closure: the outcome, and the subject now awaits a re-assessment. */
  closure?: { outcome: string };
  /** Present when the GAIN co-ordinator records a partner-agency check. */
  partnerCheck?: PartnerCheck;
  /** Present on a GAIN disposal: the partner agency and its reference. */
  partnerDisposal?: { agency: string; reference: string };
  /** Present when the NCA answers a referral sent national: accepted (with its reference) or returned. */
  national?: { outcome: 'ACCEPTED'; reference: string } | { outcome: 'RETURNED' };
  /** Present on being sent national: when the NCA's answer is due (absent from workflows before the deadline). */
  nationalDueAt?: string;
  /** Present when an NCA tasking request enters the region's agenda: the national priority it is against. */
  nationalTasking?: { nationalPriority: string };
  /** Present when a meeting overturns an urgent adoption: the tasking stands down and any plan closes, with the reason. */
  standDown?: { reason: string };
}

/** An officer's declared conflict of interest with a referral: recorded, audited, and blocks them for it. */
export interface ConflictRecord {
  workflowId: string;
  referralId: string;
  officer: Participant;
  details?: string;
  actor: Actor;
  correlationId?: string;
  at: string;
}

export interface DeadlineNotification {
  workflowId: string;
  referralId: string;
  kind: 'REMINDER' | 'ESCALATION';
  stage: DeadlineStage;
  /** Distinguishes the same stage's deadline before and after a pause moved it. */
  dueAt: string;
  /**
   * How often the referral has been sent national: a return gives the decision a fresh clock, which may fall due
   * at the same instant (an IMMEDIATE referral's end of day). Absent from notices scheduled before it was added.
   */
  nationalRound?: number;
  at: string;
  region: string;
  deadlines: DeadlineView[];
}

/** A reminder to the NCA that its answer to a referral sent national is due, or the escalation once it is late. */
export interface NationalResponseNotification {
  workflowId: string;
  referralId: string;
  kind: 'REMINDER' | 'ESCALATION';
  /** How many times the referral has been sent national (a returned referral may be sent again). */
  round: number;
  dueAt: string;
  at: string;
  region: string;
}

export interface SubmissionProjection extends ReferralWorkflowInput {
  workflowId: string;
  at: string;
  correlationId?: string;
  deadlines: DeadlineView[];
}

export interface ReferralActivities {
  /** Creates the referral row (assigning its human reference) and runs de-confliction; idempotent. */
  projectSubmission(submission: SubmissionProjection): Promise<{ reference: string }>;
  projectTransition(event: ReferralTransitionEvent): Promise<void>;
  recordDeadlineNotification(notification: DeadlineNotification): Promise<void>;
  recordNationalResponseNotification(notification: NationalResponseNotification): Promise<void>;
  recordConflictDeclaration(conflict: ConflictRecord): Promise<void>;
}
