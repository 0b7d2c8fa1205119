export { referralWorkflow } from './referral.workflow';
export { planWorkflow } from './plan.workflow';
export { meetingWorkflow } from './meeting.workflow';
export { meetingScheduleWorkflow } from './meeting-schedule.workflow';
export { auditSealerWorkflow } from './audit-sealer.workflow';
export { idempotencyRetentionWorkflow } from './idempotency-retention.workflow';
export { notificationDispatchWorkflow, notificationDeliveryWorkflow } from './notification.workflow';
