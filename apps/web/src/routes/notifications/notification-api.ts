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

export interface FailedDelivery {
  id: string;
  kind: string;
  recipientRole: string;
  recipientOrg: string;
  recipientAddress: string | null;
  referralId: string | null;
  reference: string | null;
  attempts: number;
  reason: string;
  createdAt: string;
  failedAt: string;
}

export interface FailedDeliveryList {
  items: FailedDelivery[];
  total: number;
  page: number;
  pageSize: number;
}
