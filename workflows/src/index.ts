export { referralWorkflow } from './referral.workflow';
export { meetingWorkflow } from './meeting.workflow';
