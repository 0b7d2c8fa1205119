import { randomUUID } from 'node:crypto';
import type { ReferralSubmission, SubmissionProjection } from '@rocu/contracts';
import { DEFAULT_DEADLINE_POLICIES } from '@rocu/domain';
import { referralIntakeRepository } from '@rocu/persistence';
import { referralBody } from './support/referral-fixtures';
import { useScratchDatabase, useScratchDataSource } from './support/scratch-database';

const scratch = useScratchDatabase('reference_year');
const dataSource = useScratchDataSource(scratch);

function submittedAt(at: string): SubmissionProjection {
  const referralId = randomUUID();
  return {
    referralId,
    workflowId: `referral-${referralId}`,
    submission: referralBody() as unknown as ReferralSubmission,
    submittedBy: { sub: 'dc-smith', name: 'DC Smith', org: 'WYP', roles: ['FORCE_REFERRER'], region: 'YHROCU' },
    ownerOrg: 'WYP',
    region: 'YHROCU',
    policy: DEFAULT_DEADLINE_POLICIES.ROUTINE,
    at,
    deadlines: [],
  };
}

/** The reference written for a referral submitted at `at` by a database session in `timeZone`. */
const referenceFrom = (timeZone: string, at: string): Promise<string | undefined> =>
  dataSource.transaction(async (manager) => {
    await manager.query(`SELECT set_config('TimeZone', $1, true)`, [timeZone]);
    return referralIntakeRepository.insertSubmission(manager, submittedAt(at), null);
  });

describe('a referral reference carries the year of submission in UK time', () => {
  it('whatever time zone the database session is in, on either side of the new year', async () => {
    // Noon on New Year's Eve in the UK is already New Year's Day on Kiritimati (UTC+14) ...
    expect(await referenceFrom('Pacific/Kiritimati', '2026-12-31T12:00:00.000Z')).toMatch(/^YHROCU-2026-\d{6}$/);
    // ... and 3 a.m. on New Year's Day in the UK is still the old year in Los Angeles.
    expect(await referenceFrom('America/Los_Angeles', '2027-01-01T03:00:00.000Z')).toMatch(/^YHROCU-2027-\d{6}$/);
    expect(await referenceFrom('UTC', '2026-06-30T23:30:00.000Z')).toMatch(/^YHROCU-2026-\d{6}$/);
  });
});
