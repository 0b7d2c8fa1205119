import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  AllocationRule,
  AssessmentInput,
  DeadlinePolicy,
  DeadlineStage,
  DecisionClockPolicy,
  MeetingDecision,
  Participant,
  PartnerCheck,
  PlanPolicy,
  RatificationOutcome,
  ReferralStatus,
  Route,
  ScoreResult,
  ScoringScheme,
  StagePolicy,
  TriageDecision,
  SioLoan,
} from '@rocu/domain';
import type { ActorCommand } from './actor-command';
import type { TaskingDecisionCommand } from './meeting-activities';
import type { ReferralSubmission } from './referral-submission';

export interface ReferralWorkflowInput {
  referralId: string;
  submission: ReferralSubmission;
  submittedBy: Actor;
  ownerOrg: string;
  region: string;
  /** Deadline policy for this referral's urgency; an input so tests can run on seconds. */
  policy: DeadlinePolicy;
  /** Allocation deadline and plan review cadence; absent in referrals started before they existed. */
  planPolicy?: PlanPolicy;
  /** The decision clock of an IMMEDIATE referral awaiting decision; absent for other urgencies. */
  decisionClock?: DecisionClockPolicy;
  /** The NCA's answer's deadline once sent national; absent (the default policy) in referrals started before. */
  nationalResponse?: StagePolicy;
  /** Passed on to the 4P plan's workflow; see PlanWorkflowInput. */
  planContinueAsNewAfterEvents?: number;
  /** The version of the region's settings the policies came from; the referral keeps it to the end. */
  settingsVersion?: number;
  /** Present for a tasking request the NCA made (issue 16): scored by the NCA, it goes straight to the TTCG. */
  nationalTasking?: NationalTaskingInput;
}

/** The NCA's national priority for a tasking request, and its own score of the work (recorded as an assessment). */
export interface NationalTaskingInput {
  nationalPriority: string;
  assessment: AssessmentInput;
  /** The scheme current when the NCA made the request (read by the API); recorded with the score. */
  scheme: ScoringScheme;
  rationale: Record<string, string>;
}

export interface TriageCommand extends ActorCommand {
  decision: TriageDecision;
  reason: string;
}

export interface InformationCommand extends ActorCommand {
  response: string;
}

export interface AssessCommand extends ActorCommand {
  assessment: AssessmentInput;
  /** The scheme current when the assessor submitted (read by the API); recorded with the score. */
  scheme: ScoringScheme;
  route: Route;
  rationale: Record<string, string>;
  /** The active national priority the assessor aligns the work to (checked by the API), if any. */
  nationalPriority?: string;
}

export interface WithdrawCommand extends ActorCommand {
  reason: string;
}

/** The chosen SIO's own declaration: a conflict blocks them for this referral. */
export interface ConflictDeclaration {
  hasConflict: boolean;
  details?: string;
}

export interface AllocateSioCommand extends ActorCommand {
  /** Read from the officer register by the API. */
  officer: Participant & { region: string };
  justification: string;
  conflictDeclaration: ConflictDeclaration;
  /** The specialism or capacity rules this allocation sets aside (judged by the API on the workload read model). */
  ruleExceptions?: AllocationRule[];
  /** Required when ruleExceptions is not empty. */
  exceptionJustification?: string;
  /** The approved mutual-aid loan that lets an SIO of another region lead this tasking (checked by the API). */
  loan?: SioLoan;
}

export interface AllocateSioResult {
  snapshot: ReferralSnapshot;
  /** False when the officer declared a conflict: recorded, and the officer is blocked for this referral. */
  allocated: boolean;
}

export interface NameLroCommand extends ActorCommand {
  /** An LRO of the referring force or of a force the referral affects (checked by the API from the register). */
  lro: Participant;
}

/** A meeting's ratification of the referral's urgent decision: RATIFY it, or OVERTURN it with a new decision. */
export interface RatificationCommand extends ActorCommand {
  meetingId: string;
  outcome: RatificationOutcome;
  /** The urgent decision itself when ratified; the new decision when overturned. */
  decision: MeetingDecision;
  rationale: string;
  onwardReference?: string;
}

/** The ROCU manager hands the tasking and its plan to another SIO (domain.md section 7). */
export interface ReallocateSioCommand extends AllocateSioCommand {
  /** Why the SIO changes; kept in the referral's and the plan's history. */
  reason: string;
}

/** The referring force hands the tasking and its plan to another LRO. */
export interface ReplaceLroCommand extends NameLroCommand {
  reason: string;
}

export interface CloseReferralCommand extends ActorCommand {
  outcome: string;
}

/** The GAIN co-ordinator's record of a partner-agency check (validated by the API). */
export interface RecordPartnerCheckCommand extends ActorCommand {
  check: PartnerCheck;
}

/** A GAIN disposal: the referral goes to a partner agency, which gave it its reference. */
export interface DisposeToPartnerCommand extends ActorCommand {
  agency: string;
  reference: string;
  rationale: string;
}

/** The NCA accepts a referral sent national, giving its own reference. */
export interface NationalAcceptCommand extends ActorCommand {
  reference: string;
}

/** The NCA returns a referral sent national to its region, saying why. */
export interface NationalReturnCommand extends ActorCommand {
  reasons: string;
}

export interface DeadlineView {
  stage: DeadlineStage;
  dueAt: string;
  remindAt: string;
  status: 'PENDING' | 'PAUSED' | 'MET' | 'BREACHED' | 'CANCELLED';
  remindedAt?: string;
  escalatedAt?: string;
}

/** What a state-changing update returns: enough for the API to answer without another round trip. */
export interface ReferralSnapshot {
  referralId: string;
  reference: string;
  status: ReferralStatus;
  seq: number;
  deadlines: DeadlineView[];
}

export interface SubmitResult {
  snapshot: ReferralSnapshot;
  /** True only for the update that actually created the referral; repeats (idempotent retries) get false. */
  created: boolean;
}

export interface AssessResult {
  snapshot: ReferralSnapshot;
  score: ScoreResult;
}

export const submitReferralUpdate = defineUpdate<SubmitResult, [ActorCommand]>('submitReferral');
export const triageUpdate = defineUpdate<ReferralSnapshot, [TriageCommand]>('triage');
export const provideInformationUpdate = defineUpdate<ReferralSnapshot, [InformationCommand]>('provideInformation');
export const assessUpdate = defineUpdate<AssessResult, [AssessCommand]>('assess');
export const taskingDecisionUpdate = defineUpdate<ReferralSnapshot, [TaskingDecisionCommand]>('taskingDecision');
export const ratificationUpdate = defineUpdate<ReferralSnapshot, [RatificationCommand]>('ratifyUrgentDecision');
export const withdrawUpdate = defineUpdate<ReferralSnapshot, [WithdrawCommand]>('withdraw');
export const allocateSioUpdate = defineUpdate<AllocateSioResult, [AllocateSioCommand]>('allocateSio');
export const nameLroUpdate = defineUpdate<ReferralSnapshot, [NameLroCommand]>('nameLro');
export const reallocateSioUpdate = defineUpdate<AllocateSioResult, [ReallocateSioCommand]>('reallocateSio');
export const replaceLroUpdate = defineUpdate<ReferralSnapshot, [ReplaceLroCommand]>('replaceLro');
export const closeReferralUpdate = defineUpdate<ReferralSnapshot, [CloseReferralCommand]>('closeReferral');
export const recordPartnerCheckUpdate = defineUpdate<ReferralSnapshot, [RecordPartnerCheckCommand]>(
  'recordPartnerCheck',
);
export const disposeToPartnerUpdate = defineUpdate<ReferralSnapshot, [DisposeToPartnerCommand]>('disposeToPartner');
export const nationalAcceptUpdate = defineUpdate<ReferralSnapshot, [NationalAcceptCommand]>('acceptNational');
export const nationalReturnUpdate = defineUpdate<ReferralSnapshot, [NationalReturnCommand]>('returnNational');
export const referralSnapshotQuery = defineQuery<ReferralSnapshot>('snapshot');
