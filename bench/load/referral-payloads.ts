import type { ReferralSubmission } from '@rocu/contracts';
import { referralBody, workedExampleAssessment } from '../../test/support/referral-fixtures';

/** The e2e tests' valid submission, with a fresh nominal each time so nothing de-conflicts. */
export const referralSubmission = (): ReferralSubmission => referralBody() as unknown as ReferralSubmission;

export const TRIAGE_ACCEPT = { decision: 'ACCEPT', reason: 'Meets ROCU threshold' };

/** domain.md's worked example (riskScore 21.2, P2), as in the e2e tests. */
export const WORKED_EXAMPLE_ASSESSMENT = workedExampleAssessment();
