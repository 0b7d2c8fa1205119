import type { ReferralSummary } from '../referrals/referral-api';

/** GET /national/queue: referrals sent national by every region, soonest answer due first. */
export interface NationalQueueItem extends ReferralSummary {
  referredAt: string;
  responseDueAt: string;
  overdue: boolean;
}

export interface NationalQueue {
  items: NationalQueueItem[];
  total: number;
  page: number;
  pageSize: number;
}
