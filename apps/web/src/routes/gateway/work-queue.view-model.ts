import type { ReferralStatus } from '@rocu/domain';
import { deadlineTag } from '../../presentation/deadline-tag';
import { statusTag, Tag } from '../../presentation/referral-labels';
import { organisationName } from '../../auth/dev-personas';
import type { ReferralList, ReferralSummary } from './gateway-api.types';

/** The gateway team's work queue, one tab per stage of its work (the API's status filter for each). */
export const QUEUE_TABS = [
  { id: 'to-triage', text: 'To triage', statuses: ['SUBMITTED', 'TRIAGE'] },
  { id: 'awaiting-information', text: 'Awaiting information', statuses: ['INFO_REQUESTED'] },
  { id: 'to-assess', text: 'To assess', statuses: ['ASSESSMENT'] },
  { id: 'awaiting-decision', text: 'Awaiting decision', statuses: ['AWAITING_DECISION'] },
] as const satisfies readonly { id: string; text: string; statuses: readonly ReferralStatus[] }[];

export type QueueTab = (typeof QUEUE_TABS)[number];

export const QUEUE_PAGE_SIZE = 25;

export const findQueueTab = (id: unknown): QueueTab | undefined =>
  id === undefined ? QUEUE_TABS[0] : QUEUE_TABS.find((tab) => tab.id === id);

/** The API's list parameters for a tab's page: soonest deadline first. */
export const queueQuery = (tab: QueueTab, page: number, pageSize = QUEUE_PAGE_SIZE) => ({
  status: tab.statuses.join(','),
  sort: 'deadline',
  page,
  pageSize,
});

/**
 * The API list calls behind a queue page, made at once: the tab's page, and a one-row page of each other
 * tab for its count. The bench times the page against exactly these calls.
 */
export function queueCalls(tab: QueueTab, page: number): { tab: QueueTab; query: ReturnType<typeof queueQuery> }[] {
  return [
    { tab, query: queueQuery(tab, page) },
    ...QUEUE_TABS.filter((each) => each.id !== tab.id).map((each) => ({ tab: each, query: queueQuery(each, 1, 1) })),
  ];
}

export interface QueueRow {
  href: string;
  reference: string;
  subjectName: string;
  force: string;
  urgency: string;
  status: Tag;
  nextDeadlineAt: string | null;
  deadline?: Tag;
  score: string;
  deconflicted: boolean;
}

export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: { number: number; href: string; current: boolean }[];
  from: number;
  to: number;
}

export interface WorkQueueView {
  pageTitle: string;
  contentWidth: 'full';
  tabs: { text: string; href: string; active: boolean }[];
  tab: { id: string; text: string };
  rows: QueueRow[];
  total: number;
  pagination?: PaginationView;
}

const URGENCY_TEXT: Record<string, string> = { IMMEDIATE: 'Immediate', PRIORITY: 'Priority', ROUTINE: 'Routine' };

const queueHref = (tab: QueueTab, page = 1): string => `/gateway?tab=${tab.id}${page > 1 ? `&page=${page}` : ''}`;

function row(item: ReferralSummary, now: Date): QueueRow {
  return {
    href: `/gateway/referrals/${item.id}`,
    reference: item.reference,
    subjectName: item.subjectName,
    force: organisationName(item.ownerOrg),
    urgency: URGENCY_TEXT[item.urgency] ?? item.urgency,
    status: statusTag(item.status),
    nextDeadlineAt: item.nextDeadlineAt,
    deadline: deadlineTag(item.nextDeadlineAt, now),
    score: item.riskScore === null ? '' : `${item.riskScore.toFixed(1)} (${item.priority ?? ''})`,
    deconflicted: item.deconflicted === true,
  };
}

/** Page links around the current page (at most seven), with previous and next; none for a single page. */
export function pagination(
  tab: QueueTab,
  list: Pick<ReferralList, 'total' | 'page' | 'pageSize'>,
): PaginationView | undefined {
  const pages = Math.ceil(list.total / list.pageSize);
  if (pages <= 1) return undefined;
  const first = Math.max(1, Math.min(list.page - 3, pages - 6));
  const last = Math.min(pages, first + 6);
  const items = [];
  for (let number = first; number <= last; number++) {
    items.push({ number, href: queueHref(tab, number), current: number === list.page });
  }
  return {
    previous: list.page > 1 ? { href: queueHref(tab, list.page - 1) } : undefined,
    next: list.page < pages ? { href: queueHref(tab, list.page + 1) } : undefined,
    items,
    from: Math.min(list.total, (list.page - 1) * list.pageSize + 1),
    to: Math.min(list.total, list.page * list.pageSize),
  };
}

/** The work queue page: the tab's referrals (soonest deadline first, as the API sorts them) and each tab's count. */
export function workQueueView(
  tab: QueueTab,
  list: ReferralList,
  counts: Record<string, number>,
  now: Date,
): WorkQueueView {
  return {
    pageTitle: `Work queue: ${tab.text.toLowerCase()}`,
    contentWidth: 'full',
    tabs: QUEUE_TABS.map((each) => ({
      text: `${each.text} (${counts[each.id] ?? 0})`,
      href: queueHref(each),
      active: each.id === tab.id,
    })),
    tab: { id: tab.id, text: tab.text },
    rows: list.items.map((item) => row(item, now)),
    total: list.total,
    pagination: pagination(tab, list),
  };
}
