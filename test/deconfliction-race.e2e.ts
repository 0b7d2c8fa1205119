import type { QueryRunner } from 'typeorm';
import type { ReferralSubmission } from '@rocu/contracts';
import { deconflict } from '../apps/worker/src/activities/deconfliction';
import { insertReferralRow, useScratchDatabase, useScratchDataSource } from './support/scratch-database';

/** A submission naming one nominal: all de-confliction reads of it. */
const naming = (identifier: string) =>
  ({ subject: { nominals: [{ identifier, role: 'PRINCIPAL' }] } }) as unknown as ReferralSubmission;

/**
 * Two forces refer the same person at the same moment: each referral's projection (one transaction) inserts
 * it and then looks for others naming the same nominal. Neither can see the other's uncommitted row, so the
 * second to look must wait for the first to commit, or the gateway teams are never told.
 */
describe('de-confliction of referrals naming the same person', () => {
  const scratch = useScratchDatabase('deconflict');
  const dataSource = useScratchDataSource(scratch);

  async function referralInTransaction(runner: QueryRunner, region: string, identifier: string): Promise<string> {
    await runner.startTransaction();
    const client = (await runner.connect()) as Parameters<typeof insertReferralRow>[0];
    const id = await insertReferralRow(client, { region, ownerOrg: 'WYP', status: 'SUBMITTED', urgency: 'ROUTINE' });
    await runner.query(`INSERT INTO referral_nominals (referral_id, identifier, role) VALUES ($1, $2, 'PRINCIPAL')`, [
      id,
      identifier,
    ]);
    return id;
  }

  /** Resolves once `looking` has settled or a session of the scratch database waits for an advisory lock. */
  async function searchedOrWaiting(looking: Promise<unknown>): Promise<void> {
    let settled = false;
    looking.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      const { rows } = await scratch.pool.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`,
      );
      if (rows.length > 0) return;
      await new Promise((wake) => setTimeout(wake, 20));
    }
  }

  it('links them both ways and tells both gateway teams', async () => {
    const first = dataSource.createQueryRunner();
    const second = dataSource.createQueryRunner();
    try {
      const a = await referralInTransaction(first, 'YHROCU', 'Jon Smyth 01/02/1980');
      const b = await referralInTransaction(second, 'ERSOU', 'jon smyth 01/02/1980');
      expect(
        await deconflict(first.manager, { id: a, region: 'YHROCU', submission: naming('Jon Smyth 01/02/1980') }),
      ).toBe(0);
      const secondLooks = deconflict(second.manager, {
        id: b,
        region: 'ERSOU',
        submission: naming('jon smyth 01/02/1980'),
      });
      // The first commits only once the second has searched or is waiting to: the moment that loses the link.
      await searchedOrWaiting(secondLooks);
      await first.commitTransaction();
      expect(await secondLooks).toBe(1);
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }

    const { rows: links } = await scratch.pool.query(
      `SELECT r.region AS "from", l.basis, l.matched_value AS matched
         FROM referral_links l JOIN referrals r ON r.id = l.referral_id ORDER BY r.region`,
    );
    expect(links).toEqual([
      { from: 'ERSOU', basis: 'NOMINAL', matched: 'Jon Smyth 01/02/1980' },
      { from: 'YHROCU', basis: 'NOMINAL', matched: 'Jon Smyth 01/02/1980' },
    ]);
    const { rows: told } = await scratch.pool.query(
      `SELECT recipient_org FROM notifications WHERE kind = 'DECONFLICTION' ORDER BY recipient_org`,
    );
    expect(told).toEqual([{ recipient_org: 'ERSOU' }, { recipient_org: 'YHROCU' }]);
  });

  // JavaScript lower-cases a final capital sigma to ς, Postgres to σ (or, in the C locale, not at all).
  it('links referrals naming the same person in Greek capitals, exactly as written', async () => {
    const name = 'ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ 03/04/1975';
    const earlier = dataSource.createQueryRunner();
    const later = dataSource.createQueryRunner();
    try {
      await referralInTransaction(earlier, 'ROCUWM', name);
      await earlier.commitTransaction();
      const id = await referralInTransaction(later, 'ROCUWM', name);
      expect(await deconflict(later.manager, { id, region: 'ROCUWM', submission: naming(name) })).toBe(1);
      await later.commitTransaction();
    } finally {
      await earlier.release();
      await later.release();
    }
  });
});
