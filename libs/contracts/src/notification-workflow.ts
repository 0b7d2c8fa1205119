import { defineSignal } from '@temporalio/workflow';

/** Temporal's retry policy for e-mailing one notification (from the worker's configuration). */
export interface DeliveryPolicy {
  /** One attempt's limit; a worker lost mid-send is retried once it passes. */
  sendTimeoutMs: number;
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  maximumAttempts: number;
}

/** The outbox sweep's settings; a running sweep takes new ones by signal (the worker sends them at start). */
export interface NotificationDispatchSettings {
  /** The worker's task queue, which names the delivery workflows (an input, so replay names them alike). */
  taskQueue: string;
  sweepIntervalMs: number;
  policy: DeliveryPolicy;
}

export interface NotificationDeliveryInput {
  notificationId: string;
  policy: DeliveryPolicy;
}

export const NOTIFICATION_DISPATCH_WORKFLOW_TYPE = 'notificationDispatchWorkflow';

export const notificationSettingsSignal = defineSignal<[NotificationDispatchSettings]>('notificationSettings');

/** Error types that no retry cures: no mailbox for the recipient, or the SMTP server refusing for good (5xx). */
export const PERMANENT_DELIVERY_FAILURES = ['NO_MAILBOX', 'SMTP_REJECTED'];

export interface NotificationActivities {
  /** Hands up to `limit` pending rows (new, or handed over long ago and still pending) to delivery. */
  claimNotifications(limit: number): Promise<string[]>;
  /** E-mails one row and marks it SENT; a no-op for a row already SENT or FAILED. */
  deliverNotification(notificationId: string): Promise<void>;
  /** Marks the row FAILED with the reason, audits it, and escalates an undelivered escalation. */
  recordDeliveryFailure(failure: { notificationId: string; reason: string }): Promise<void>;
}
