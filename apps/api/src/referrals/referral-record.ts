import { URGENTLY_DECIDED_STATUSES, type ReferralOrigin, type ReferralRecord, type ReferralStatus } from '@rocu/domain';
import type { ReferralEntity } from '@rocu/persistence';

/**
 * An urgent out-of-meeting decision that no meeting has yet ratified or overturned, on a referral still where a
 * meeting can (as the agenda lists them: one closed before a close waited for ratification has ended).
 */
export const urgentDecisionPending = (referral: ReferralEntity): boolean =>
  referral.urgentDecisionAt !== null &&
  referral.ratifiedInMeeting === null &&
  URGENTLY_DECIDED_STATUSES.includes(referral.status as ReferralStatus);

/** The part of the read model the referral rules look at. */
export const referralRecordOf = (referral: ReferralEntity): ReferralRecord => ({
  status: referral.status as ReferralStatus,
  ownerOrg: referral.ownerOrg,
  region: referral.region,
  lroNamed: referral.lroSub !== null,
  reassessmentDue: referral.reassessmentDue,
  urgentDecisionPending: urgentDecisionPending(referral),
  nationalResponsePending: referral.status === 'REFERRED_NATIONAL' && referral.nationalDueAt !== null,
  origin: referral.origin as ReferralOrigin,
});
