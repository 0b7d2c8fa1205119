import type { NationalDeclineRow } from '@rocu/persistence/national-queries';
import type { AsJson } from '../../api/api-json';
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

/** GET /national/priorities: the national priorities the NCA maintains, active and retired. */
export interface NationalPriority {
  code: string;
  title: string;
  description?: string;
  createdAt: string;
  retiredAt: string | null;
}

/** GET /national/calendar: every region's meetings in a window (a covert one as its region and date only). */
export interface NationalCalendar {
  from: string;
  to: string;
  items: { region: string; type: string; scheduledFor: string; id?: string; papersCloseAt?: string; status?: string }[];
}

/** GET /national/report: counts per region and priority, and the declines of the NCA's own requests. */
export interface NationalReport {
  rows: { region: string; nationalPriority: string; awaitingDecision: number; adopted: number; declined: number }[];
  declines: AsJson<NationalDeclineRow>[];
}
