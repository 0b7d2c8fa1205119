import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  AssessmentInput,
  DeadlinePolicy,
  DeadlineStage,
  ReferralStatus,
  Route,
  ScoreResult,
  ScoringScheme,
  TriageDecision,
} from '@rocu/domain';
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
}

/** Every human action carries the acting user so the workflow can check it and the audit can attribute it. */
export interface ActorCommand {
  actor: Actor;
  correlationId?: string;
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
}

export interface WithdrawCommand extends ActorCommand {
  reason: string;
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
export const withdrawUpdate = defineUpdate<ReferralSnapshot, [WithdrawCommand]>('withdraw');
export const referralSnapshotQuery = defineQuery<ReferralSnapshot>('snapshot');
