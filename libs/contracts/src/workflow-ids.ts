import type { MeetingType } from '@rocu/domain';

/** Every workflow id is built here. Deterministic: one workflow per referral, so a repeated start can never create a second one. */
export const referralWorkflowId = (referralId: string): string => `referral-${referralId}`;

export const referralIdFromWorkflowId = (workflowId: string): string => workflowId.replace(/^referral-/, '');

/** Workflow type names, so the API can start workflows without importing workflow code. */
export const REFERRAL_WORKFLOW_TYPE = 'referralWorkflow';

/** The 4P plan of an adopted referral: one long-lived workflow, started by the referral's workflow. */
export const planWorkflowId = (referralId: string): string => `plan-${referralId}`;

/** One workflow per meeting. */
export const meetingWorkflowId = (meetingId: string): string => `meeting-${meetingId}`;

/** One schedule per region and meeting type per deployment (task queue), so parallel deployments never share one. */
export const meetingScheduleWorkflowId = (taskQueue: string, region: string, type: MeetingType): string =>
  `meeting-schedule-${taskQueue}-${region}-${type}`;

/** One sealer per deployment (task queue): two would only contend for the same seals. */
export const auditSealerWorkflowId = (taskQueue: string): string => `audit-sealer-${taskQueue}`;

/** One key-retention loop per deployment (task queue). */
export const idempotencyRetentionWorkflowId = (taskQueue: string): string => `idempotency-retention-${taskQueue}`;

/** One notification sweep per task queue (each test stack has its own queue and database). */
export const notificationDispatchWorkflowId = (taskQueue: string): string => `notification-dispatch-${taskQueue}`;

/** One delivery workflow per outbox row: a repeated hand-over finds it already running. */
export const notificationDeliveryWorkflowId = (taskQueue: string, notificationId: string): string =>
  `notification-${taskQueue}-${notificationId}`;
