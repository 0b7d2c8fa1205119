/**
 * A referral as the API summarises it: a row of `GET /referrals` and the head of `GET /referrals/{id}`. Instants
 * are ISO 8601 in UTC with milliseconds, as JavaScript's toISOString writes them.
 */
export interface ReferralSummaryView {
  id: string;
  reference: string;
  status: string;
  urgency: string;
  region: string;
  ownerOrg: string;
  classification: string;
  subjectType: string;
  subjectName: string;
  priority: string | null;
  riskScore: number | null;
  submittedAt: string;
  updatedAt: string;
  nextDeadlineAt: string | null;
}

/** A row of `GET /referrals`: the summary, and for ROCU staff of its region only, whether another referral overlaps it. */
export interface ReferralListItemView extends ReferralSummaryView {
  deconflicted?: boolean;
}
