import { withoutInvisibleControls } from '@rocu/domain';
import { deadlineTag } from '../../presentation/deadline-tag';
import { pagination, PaginationView } from '../../presentation/pagination';
import { labelOf, statusTag, Tag, URGENCY_LABELS } from '../../presentation/referral-labels';
import type { ReferralList } from './referral-api';

export const LIST_PAGE_SIZE = 20;

export interface ReferralListView {
  pageTitle: string;
  contentWidth: string;
  q: string;
  total: number;
  /** The person has a referral they started and have not sent. */
  hasDraft: boolean;
  referrals: {
    id: string;
    reference: string;
    subjectName: string;
    status: Tag;
    urgency: string;
    nextDeadlineAt: string | null;
    deadlineTag?: Tag;
    submittedAt: string;
  }[];
  pagination?: PaginationView;
}

/** The most characters of a search the API takes. */
const SEARCH_MAX = 100;

/**
 * The search as the API takes it: without the invisible characters it refuses (a pasted reference may carry a
 * zero-width space), trimmed, and at most 100 characters, never half of one (an emoji is two UTF-16 units).
 */
export function searchTerm(typed: string): string {
  return [...withoutInvisibleControls(typed).trim()].slice(0, SEARCH_MAX).join('').trim();
}

/** The force's referrals: soonest deadline first (the API's default order), searchable, paged. */
export function referralListView(list: ReferralList, q: string, now: Date, hasDraft: boolean): ReferralListView {
  const query = (page: number): string => {
    const params = new URLSearchParams({ ...(q ? { q } : {}), page: String(page) });
    return `/referrals?${params.toString()}`;
  };
  return {
    pageTitle: 'Referrals',
    contentWidth: 'full',
    q,
    total: list.total,
    hasDraft,
    referrals: list.items.map((item) => ({
      id: item.id,
      reference: item.reference,
      subjectName: item.subjectName,
      status: statusTag(item.status),
      urgency: labelOf(URGENCY_LABELS, item.urgency),
      nextDeadlineAt: item.nextDeadlineAt,
      deadlineTag: deadlineTag(item.nextDeadlineAt, now),
      submittedAt: item.submittedAt,
    })),
    pagination: pagination(list.page, list.pageSize, list.total, query),
  };
}
