export { referralWorkflow } from './referral.workflow';
export { planWorkflow } from './plan.workflow';
export { meetingWorkflow } from './meeting.workflow';
export { meetingScheduleWorkflow } from './meeting-schedule.workflow';
export { notificationDispatchWorkflow, notificationDeliveryWorkflow } from './notification.workflow';
