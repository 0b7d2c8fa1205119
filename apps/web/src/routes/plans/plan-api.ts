import type { Disruption, PlanAction as RecordedAction, PlanReview, ReviewSignature } from '@rocu/domain';

/** GET /referrals/{id}/plan as the web app reads it: the domain's records, with the API's nulls for absent values. */
export type PlanAction = Omit<RecordedAction, 'outcome'> & { outcome: string | null };

export type Review = Omit<PlanReview, 'completedAt'> & { complete: boolean; completedAt: string | null };

export type { Disruption, ReviewSignature };

export interface Plan {
  referralId: string;
  status: 'OPEN' | 'CLOSED';
  sio: { sub: string; name: string };
  lro: { sub: string; name: string; org: string };
  startedAt: string;
  nextReviewDueAt: string;
  /** Set while this cycle's joint review is complete: the next cannot be opened before it. */
  nextReviewOpensAt: string | null;
  reviewOverdue: boolean;
  actions: PlanAction[];
  disruptions: Disruption[];
  reviews: Review[];
  balance: Record<string, { actions: { total: number }; disruptions: { total: number } }>;
}
