import type { DeadlineStage } from '../deadlines/deadline-policy';
import type { ReferralStatus } from './referral-status';

/**
 * Which deadline a status is working towards: none once a tasking is running, nor while waiting for a
 * decision unless the referral has a decision clock (IMMEDIATE referrals).
 */
export function activeStage(status: ReferralStatus, decisionClock: boolean): DeadlineStage | null {
  if (status === 'SUBMITTED' || status === 'TRIAGE' || status === 'INFO_REQUESTED') return 'TRIAGE';
  if (status === 'ASSESSMENT') return 'ASSESSMENT';
  if (status === 'AWAITING_DECISION' && decisionClock) return 'DECISION';
  if (status === 'ADOPTED') return 'ALLOCATION';
  return null;
}
