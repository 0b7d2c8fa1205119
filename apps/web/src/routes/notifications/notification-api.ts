import type { FailedDeliveryRow } from '@rocu/persistence/notification-inbox';
import type { AsJson } from '../../api/api-json';

/** The API's answers the inbox pages read (GET /notifications, /notifications/failed-deliveries). */
export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string[];
  referralId: string | null;
  reference: string | null;
  meetingId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: NotificationItem[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

/** The API sends the failed deliveries' rows as they are read. */
export type FailedDelivery = AsJson<FailedDeliveryRow>;

export interface FailedDeliveryList {
  items: FailedDelivery[];
  total: number;
  page: number;
  pageSize: number;
}
