export { referralWorkflow } from './referral.workflow';
export { meetingWorkflow } from './meeting.workflow';
export { meetingScheduleWorkflow } from './meeting-schedule.workflow';
