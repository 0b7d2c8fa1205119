import type { DeadlineStage } from '../deadlines/deadline-policy';
import type { ReferralStatus } from '../referral/referral-status';
import type { Role } from '../roles';
import type { Recipient } from './recipient';

/**
 * Statuses the referrer is told about: being asked for more, turned away, each decision on it (adopted, to name an
 * LRO; deferred; sent to the NCA or a partner), and closed.
 */
const REFERRER_IS_TOLD: ReadonlySet<ReferralStatus> = new Set([
  'INFO_REQUESTED',
  'REJECTED',
  'DECLINED',
  'DEFERRED',
  'REFERRED_NATIONAL',
  'REFERRED_PARTNER',
  'ADOPTED',
  'CLOSED',
]);

const NCA_LIAISONS: Recipient = { role: 'NCA_LIAISON', org: 'NCA' };

/** Who answers for the referring organisation: its referrers, and for the NCA's own referrals its liaison too. */
function referrers(ownerOrg: string): Recipient[] {
  const referring: Recipient = { role: 'FORCE_REFERRER', org: ownerOrg };
  return ownerOrg === NCA_LIAISONS.org ? [referring, NCA_LIAISONS] : [referring];
}

/**
 * Who is told when a referral enters a status: the referrer as above; the NCA when one is sent to it; the gateway
 * team when it is back for triage, and when a closure prompts a re-score; the ROCU manager when an adopted
 * referral needs an SIO.
 */
export function recipientsOnEntering(
  status: ReferralStatus,
  referral: { ownerOrg: string; region: string },
): Recipient[] {
  const recipients: Recipient[] = [];
  if (REFERRER_IS_TOLD.has(status)) recipients.push(...referrers(referral.ownerOrg));
  if (status === 'REFERRED_NATIONAL' && referral.ownerOrg !== NCA_LIAISONS.org) recipients.push(NCA_LIAISONS);
  if (status === 'TRIAGE' || status === 'CLOSED') recipients.push({ role: 'GATEWAY_ASSESSOR', org: referral.region });
  if (status === 'ADOPTED') recipients.push({ role: 'ROCU_MANAGER', org: referral.region });
  return recipients;
}

/** Who does the work of each stage, and so is reminded of its deadline. */
const STAGE_WORKER: Readonly<Record<DeadlineStage, Role>> = {
  TRIAGE: 'GATEWAY_ASSESSOR',
  ASSESSMENT: 'GATEWAY_ASSESSOR',
  DECISION: 'TTCG_CHAIR',
  ALLOCATION: 'ROCU_MANAGER',
};

/**
 * Deadline reminders go to whoever does the work (the gateway team; the TTCG chair for an IMMEDIATE
 * referral's decision; the ROCU manager for allocating an SIO); escalations to the region's ROCU manager.
 */
export const deadlineRecipient = (
  kind: 'REMINDER' | 'ESCALATION',
  stage: DeadlineStage,
  region: string,
): Recipient => ({
  role: kind === 'REMINDER' ? STAGE_WORKER[stage] : 'ROCU_MANAGER',
  org: region,
});

/**
 * The NCA's answer to a referral sent national: the NCA is reminded it is due; once late, the region's ROCU
 * manager, who waits for it, is told as well.
 */
export function nationalResponseRecipients(kind: 'REMINDER' | 'ESCALATION', region: string): Recipient[] {
  const recipients: Recipient[] = [NCA_LIAISONS];
  if (kind === 'ESCALATION') recipients.push({ role: 'ROCU_MANAGER', org: region });
  return recipients;
}
