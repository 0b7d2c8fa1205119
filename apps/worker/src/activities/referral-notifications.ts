import type { ReferralStatus, Role } from '@rocu/domain';

export interface Recipient {
  role: Role;
  org: string;
}

/** Who is told when a referral enters a status: the referrer when asked for more or turned away. */
export function recipientsOnEntering(
  status: ReferralStatus,
  referral: { ownerOrg: string; region: string },
): Recipient[] {
  switch (status) {
    case 'INFO_REQUESTED':
    case 'REJECTED':
    case 'DECLINED':
      return [{ role: 'FORCE_REFERRER', org: referral.ownerOrg }];
    case 'TRIAGE':
      return [{ role: 'GATEWAY_ASSESSOR', org: referral.region }];
    default:
      return [];
  }
}

/** Deadline reminders go to the gateway team doing the work; escalations to the region's ROCU manager. */
export const deadlineRecipient = (kind: 'REMINDER' | 'ESCALATION', region: string): Recipient => ({
  role: kind === 'REMINDER' ? 'GATEWAY_ASSESSOR' : 'ROCU_MANAGER',
  org: region,
});
