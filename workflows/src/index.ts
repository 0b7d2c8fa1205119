export { referralWorkflow } from './referral.workflow';
