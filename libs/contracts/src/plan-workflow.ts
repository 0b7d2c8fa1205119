import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ActionStatus,
  Disruption,
  Participant,
  Pillar,
  PlanAction,
  PlanRole,
  PlanState,
  PlanReview,
  ReviewPolicy,
  Significance,
} from '@rocu/domain';
import type { ActorCommand } from './actor-command';

/** Everything a plan carries from one run to the next when it continues as new (the domain's reducer state). */
export type { PlanState };

export interface PlanWorkflowInput {
  referralId: string;
  region: string;
  ownerOrg: string;
  sio: Participant;
  lro: Participant;
  startedAt: string;
  policy: ReviewPolicy;
  /** Continue as new once the history reaches this many events (tests set it low); Temporal's suggestion also counts. */
  continueAsNewAfterEvents: number;
  /** The most text the plan may carry (default PLAN_STATE_LIMIT_BYTES; tests set it low). */
  stateLimitBytes?: number;
  /** Present when this run continues an earlier one. */
  state?: PlanState;
  /** The Updates earlier runs applied (the latest, see planWorkflow): Temporal forgets their ids at continue-as-new. */
  answered?: AnsweredUpdate[];
}

/** An Update a run of the plan applied: its id, and the record (action, disruption, review) it made or changed. */
export interface AnsweredUpdate {
  updateId: string;
  recordId: string;
}

export interface AddActionCommand extends ActorCommand {
  pillar: Pillar;
  description: string;
  ownerOrg: string;
  ownerName: string;
  dueAt: string;
  partners: string[];
}

export interface ChangeActionCommand extends ActorCommand {
  actionId: string;
  status: ActionStatus;
  outcome?: string;
  version: number;
}

export interface RecordDisruptionCommand extends ActorCommand {
  pillar: Pillar;
  significance: Significance;
  description: string;
  occurredAt: string;
}

export interface SignReviewCommand extends ActorCommand {
  summary: string;
}

export interface PlanSnapshot extends PlanState {
  referralId: string;
  sio: Participant;
  lro: Participant;
  startedAt: string;
}

export const addActionUpdate = defineUpdate<PlanAction, [AddActionCommand]>('addAction');
export const changeActionUpdate = defineUpdate<PlanAction, [ChangeActionCommand]>('changeAction');
export const recordDisruptionUpdate = defineUpdate<Disruption, [RecordDisruptionCommand]>('recordDisruption');
export const signReviewUpdate = defineUpdate<PlanReview, [SignReviewCommand]>('signReview');
/** Sent by the referral's workflow when the ROCU manager closes the tasking: the plan becomes read-only. */
export const closePlanSignal = defineSignal('closePlan');
/** The referral's SIO or LRO changed: the newcomer owns the plan from now on. */
export const changePlanOwnerSignal = defineSignal<[{ role: PlanRole; owner: Participant }]>('changePlanOwner');
export const planSnapshotQuery = defineQuery<PlanSnapshot>('planSnapshot');
/** A record of the plan: what each of its Updates makes or changes, and answers with. */
export type PlanRecord = PlanAction | Disruption | PlanReview;
/**
 * The record the Update with this id made or changed, as it now stands, or null: it answers a repeat of an Update
 * an earlier run applied (Temporal forgets its id at continue-as-new; see PlanWorkflowInput.answered).
 */
export const planAnswerQuery = defineQuery<PlanRecord | null, [string]>('planAnswer');
