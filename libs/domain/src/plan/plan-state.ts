import { reviewCycle, type ReviewCycle, type ReviewPolicy } from './plan-policy';
import type { Disruption, MissedReview, PlanAction, PlanReview } from './plan-types';

/** Everything a plan carries from one run to the next when it continues as new. Replaced whole, never changed in place. */
export interface PlanState {
  seq: number;
  actions: PlanAction[];
  disruptions: Disruption[];
  reviews: PlanReview[];
  missedReviews: MissedReview[];
  /** The review cycle now running, and when its reminder went out. */
  cycle: ReviewCycle & { remindedAt?: string };
  closed: boolean;
}

/** What happens to a plan. Changes are numbered apart (NUMBERED), after their size is measured. */
export type PlanEvent =
  | { type: 'NUMBERED' }
  | { type: 'ACTION_ADDED'; action: PlanAction }
  | { type: 'ACTION_CHANGED'; action: PlanAction }
  | { type: 'DISRUPTION_RECORDED'; disruption: Disruption }
  /** A new review, or another signature on the open one; the completing signature starts the next cycle. */
  | { type: 'REVIEW_SIGNED'; review: PlanReview }
  | { type: 'REVIEW_REMINDED'; at: string }
  /** The cycle's due date passed without a review: the next cycle runs from the missed due date. */
  | { type: 'REVIEW_MISSED'; missed: MissedReview }
  | { type: 'CLOSED' };

export function initialPlanState(startedAt: Date, policy: ReviewPolicy): PlanState {
  return {
    seq: 0,
    actions: [],
    disruptions: [],
    reviews: [],
    missedReviews: [],
    cycle: reviewCycle(startedAt, policy),
    closed: false,
  };
}

/**
 * The plan of a tasking adopted again after an overturn stood it down: the same plan, open again with its
 * actions, records and numbering, and a review cycle running from the new start.
 */
export function reopenPlan(state: PlanState, at: Date, policy: ReviewPolicy): PlanState {
  return { ...state, cycle: reviewCycle(at, policy), closed: false };
}

const replacing = <T extends { id: string }>(items: T[], item: T): T[] =>
  items.map((existing) => (existing.id === item.id ? item : existing));

/** The plan after an event, under its review policy. */
export function applyPlanEvent(state: PlanState, event: PlanEvent, policy: ReviewPolicy): PlanState {
  switch (event.type) {
    case 'NUMBERED':
      return { ...state, seq: state.seq + 1 };
    case 'ACTION_ADDED':
      return { ...state, actions: [...state.actions, event.action] };
    case 'ACTION_CHANGED':
      return { ...state, actions: replacing(state.actions, event.action) };
    case 'DISRUPTION_RECORDED':
      return { ...state, disruptions: [...state.disruptions, event.disruption] };
    case 'REVIEW_SIGNED': {
      const { review } = event;
      const known = state.reviews.some((existing) => existing.id === review.id);
      return {
        ...state,
        reviews: known ? replacing(state.reviews, review) : [...state.reviews, review],
        cycle: review.completedAt === undefined ? state.cycle : reviewCycle(new Date(review.completedAt), policy),
      };
    }
    case 'REVIEW_REMINDED':
      return { ...state, cycle: { ...state.cycle, remindedAt: event.at } };
    case 'REVIEW_MISSED':
      return {
        ...state,
        missedReviews: [...state.missedReviews, event.missed],
        cycle: reviewCycle(new Date(event.missed.dueAt), policy),
      };
    case 'CLOSED':
      return { ...state, closed: true };
  }
}
