export * from './task-queues';
export * from './workflow-ids';
export * from './referral-submission';
export * from './referral-workflow';
export * from './referral-activities';
export * from './meeting-workflow';
export * from './meeting-activities';
