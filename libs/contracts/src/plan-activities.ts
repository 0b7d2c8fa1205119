import type { Actor, Disruption, MissedReview, PlanAction, PlanReview } from '@rocu/domain';

/** What changed in a plan; one kind per row of the plan's journal. */
export type PlanChange =
  | { kind: 'ACTION_ADDED' | 'ACTION_CHANGED'; action: PlanAction }
  | { kind: 'DISRUPTION_RECORDED'; disruption: Disruption }
  | { kind: 'REVIEW_SIGNED'; review: PlanReview }
  | { kind: 'REVIEW_REMINDER'; dueAt: string }
  | { kind: 'REVIEW_OVERDUE'; missed: MissedReview };

/** One change of one plan; (referralId, seq) makes its projection idempotent across retries and runs. */
export interface PlanChangeEvent {
  referralId: string;
  region: string;
  ownerOrg: string;
  seq: number;
  at: string;
  /** Absent for changes the plan's own clock makes (reminders, overdue reviews). */
  actor?: Actor;
  correlationId?: string;
  nextReviewDueAt: string;
  /**
   * Set while this cycle has had its joint review: no other opens before it; null: one may open. Absent (the
   * projection then keeps what it had) from workflow code that did not send null; a value so kept is a past
   * reminder, which the API does not show.
   */
  nextReviewOpensAt?: string | null;
  change: PlanChange;
}

export interface PlanActivities {
  projectPlanChange(event: PlanChangeEvent): Promise<void>;
}
