import type { Recipient } from './recipient';

/** The people a plan answers to: its SIO and LRO by name, and the force that referred it. */
export interface PlanOwners {
  region: string;
  ownerOrg: string;
  sioSub: string;
  /** The SIO's own ROCU: the region's, or the lending region's for an SIO lent by mutual aid. */
  sioOrg: string;
  lroSub: string;
  lroOrg: string;
}

/**
 * Review reminders go to the plan's own SIO and LRO by name; an overdue review escalates to the region's
 * ROCU manager and to the referring force. Other changes to a plan (actions, disruptions, signatures) tell no one.
 */
export function planChangeRecipients(kind: string, plan: PlanOwners): Recipient[] {
  if (kind === 'REVIEW_REMINDER') {
    return [
      { role: 'SIO', org: plan.sioOrg, sub: plan.sioSub },
      { role: 'LRO', org: plan.lroOrg, sub: plan.lroSub },
    ];
  }
  if (kind === 'REVIEW_OVERDUE') {
    return [
      { role: 'ROCU_MANAGER', org: plan.region },
      { role: 'FORCE_REFERRER', org: plan.ownerOrg },
    ];
  }
  return [];
}
