import type { ReferralStatus, Role } from '@rocu/domain';

export interface Recipient {
  role: Role;
  org: string;
}

/** Statuses the referrer is told about: being asked for more, or being turned away. */
const REFERRER_IS_TOLD: ReadonlySet<ReferralStatus> = new Set(['INFO_REQUESTED', 'REJECTED', 'DECLINED']);

/** Who is told when a referral enters a status: the referrer as above; the gateway team when it is back for triage. */
export function recipientsOnEntering(
  status: ReferralStatus,
  referral: { ownerOrg: string; region: string },
): Recipient[] {
  if (REFERRER_IS_TOLD.has(status)) return [{ role: 'FORCE_REFERRER', org: referral.ownerOrg }];
  if (status === 'TRIAGE') return [{ role: 'GATEWAY_ASSESSOR', org: referral.region }];
  return [];
}

/** Deadline reminders go to the gateway team doing the work; escalations to the region's ROCU manager. */
export const deadlineRecipient = (kind: 'REMINDER' | 'ESCALATION', region: string): Recipient => ({
  role: kind === 'REMINDER' ? 'GATEWAY_ASSESSOR' : 'ROCU_MANAGER',
  org: region,
});
