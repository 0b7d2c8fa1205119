import type { Role } from '@rocu/domain';
import { pagination, PaginationView } from '../../presentation/pagination';
import type { FailedDeliveryList, NotificationItem, NotificationList } from './notification-api';

export const INBOX_PAGE_SIZE = 20;

export interface InboxItemView extends NotificationItem {
  unread: boolean;
  /** The page where the person can act on it, when the web app has one for their role. */
  link?: { href: string; text: string };
}

export interface InboxView {
  pageTitle: string;
  items: InboxItemView[];
  total: number;
  unread: number;
  page: number;
  pagination?: PaginationView;
  /** ROCU managers also see failed e-mail deliveries. */
  showFailures: boolean;
}

/** Where a notification leads: the referral's page for the referrer or the gateway team, the meeting for its chair. */
function linkFor(item: NotificationItem, roles: readonly Role[]): InboxItemView['link'] {
  if (item.referralId && roles.includes('GATEWAY_ASSESSOR')) {
    return { href: `/gateway/referrals/${item.referralId}`, text: `Open referral ${item.reference ?? ''}`.trim() };
  }
  if (item.referralId && roles.includes('FORCE_REFERRER')) {
    return { href: `/referrals/${item.referralId}`, text: `Open referral ${item.reference ?? ''}`.trim() };
  }
  if (item.meetingId && roles.some((role) => role === 'TTCG_CHAIR' || role === 'ROCU_MANAGER')) {
    return { href: `/meetings/${item.meetingId}`, text: 'Open the meeting' };
  }
  return undefined;
}

export function inboxView(list: NotificationList, roles: readonly Role[]): InboxView {
  return {
    pageTitle: 'Notifications',
    items: list.items.map((item) => ({ ...item, unread: item.readAt === null, link: linkFor(item, roles) })),
    total: list.total,
    unread: list.unread,
    page: list.page,
    pagination: pagination(list.page, list.pageSize, list.total, (page) => `/notifications?page=${page}`),
    showFailures: roles.includes('ROCU_MANAGER'),
  };
}

export interface FailedDeliveriesView {
  pageTitle: string;
  contentWidth: 'full';
  list: FailedDeliveryList;
  pagination?: PaginationView;
}

export function failedDeliveriesView(list: FailedDeliveryList): FailedDeliveriesView {
  return {
    pageTitle: 'Failed email deliveries',
    contentWidth: 'full',
    list,
    pagination: pagination(
      list.page,
      list.pageSize,
      list.total,
      (page) => `/notifications/failed-deliveries?page=${page}`,
    ),
  };
}
