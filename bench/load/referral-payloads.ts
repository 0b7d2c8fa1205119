import type { ReferralSubmission } from '@rocu/contracts';
import { referralBody, workedExampleAssessment } from '../../test/support/referral-fixtures';

/** The e2e tests' valid submission, with a fresh nominal each time so nothing de-conflicts. */
export const referralSubmission = (): ReferralSubmission => referralBody() as unknown as ReferralSubmission;

/**
 * The same, as threat to life (the chair may adopt it out of meeting: the lifecycle bench needs no meeting),
 * affecting only the referrer's own force, so it routes to the ROCU whose team and officers take the next steps.
 */
export const urgentReferralSubmission = (force: string): ReferralSubmission =>
  referralBody({ urgency: 'IMMEDIATE', threatToLife: true, forcesAffected: [force] }) as unknown as ReferralSubmission;

export const URGENT_ADOPTION = {
  decision: 'ADOPT_ROCU_LEAD',
  rationale: 'Threat to life: necessary and proportionate',
};

/** The seeded SIO with the drugs specialism and management vetting (libs/domain/src/officers/seed-officers.ts). */
export const sioAllocation = (region: string) => ({
  officerSub: `sio-${region.toLowerCase()}-5`,
  justification: 'Drugs specialist with capacity',
  // One SIO takes many taskings here, past their capacity: that needs a justification.
  exceptionJustification: 'Load test: one SIO carries every tasking',
  conflictDeclaration: { hasConflict: false },
});

export const lroNaming = (force: string) => ({ officerSub: `lro-${force.toLowerCase()}`, name: 'DI Bench' });

export const TRIAGE_ACCEPT = { decision: 'ACCEPT', reason: 'Meets ROCU threshold' };

/** domain.md's worked example (riskScore 21.2, P2), as in the e2e tests. */
export const WORKED_EXAMPLE_ASSESSMENT = workedExampleAssessment();
