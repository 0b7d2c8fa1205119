import type { ReferralOrigin, ReferralRecord, ReferralStatus } from '@rocu/domain';
import type { ReferralEntity } from '@rocu/persistence';

/** The part of the read model the referral rules look at. */
export const referralRecordOf = (referral: ReferralEntity): ReferralRecord => ({
  status: referral.status as ReferralStatus,
  ownerOrg: referral.ownerOrg,
  region: referral.region,
  lroNamed: referral.lroSub !== null,
  reassessmentDue: referral.reassessmentDue,
  nationalResponsePending: referral.status === 'REFERRED_NATIONAL' && referral.nationalDueAt !== null,
  origin: referral.origin as ReferralOrigin,
});
