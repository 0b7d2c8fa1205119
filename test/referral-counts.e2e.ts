import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@rocu/persistence';
import { ReferralCounts1764800000000 } from '../libs/persistence/src/migrations/1764800000000-referral-counts';
import { insertReferralRow, useScratchDatabase } from './support/scratch-database';

/** What the kept counts say, groups with none left out, in one order. */
const KEPT = `SELECT region, owner_org, status, urgency, national_priority, n::int AS n
                FROM referral_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`;
/** The same groups counted from the referrals themselves. */
const COUNTED = `SELECT region, owner_org, status, urgency, coalesce(national_priority, '') AS national_priority,
                        count(*)::int AS n
                   FROM referrals GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

describe('referral_counts: the totals the database keeps for lists and the national report', () => {
  const scratch = useScratchDatabase('counts');
  const db = scratch.pool;

  const kept = async (): Promise<unknown[]> => (await db.query(KEPT)).rows;
  const counted = async (): Promise<unknown[]> => (await db.query(COUNTED)).rows;

  it('follows inserts, moves between keys, deletes and rolled-back work', async () => {
    const a = await insertReferralRow(db, {
      region: 'ERSOU',
      ownerOrg: 'ESSEX',
      status: 'SUBMITTED',
      urgency: 'ROUTINE',
    });
    const b = await insertReferralRow(db, {
      region: 'ERSOU',
      ownerOrg: 'ESSEX',
      status: 'SUBMITTED',
      urgency: 'ROUTINE',
    });
    await insertReferralRow(db, { region: 'ERSOU', ownerOrg: 'BEDS', status: 'TRIAGE', urgency: 'IMMEDIATE' });
    expect(await kept()).toEqual([
      { region: 'ERSOU', owner_org: 'BEDS', status: 'TRIAGE', urgency: 'IMMEDIATE', national_priority: '', n: 1 },
      { region: 'ERSOU', owner_org: 'ESSEX', status: 'SUBMITTED', urgency: 'ROUTINE', national_priority: '', n: 2 },
    ]);

    await db.query(`UPDATE referrals SET status = 'ASSESSMENT', national_priority = 'FIREARMS' WHERE id = $1`, [a]);
    await db.query(`UPDATE referrals SET subject_name = 'Renamed' WHERE id = $1`, [b]); // not a key: no change
    await db.query(`DELETE FROM referrals WHERE id = $1`, [b]);
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await insertReferralRow(client, { region: 'ERSOU', ownerOrg: 'ESSEX', status: 'SUBMITTED', urgency: 'ROUTINE' });
      await client.query(`UPDATE referrals SET region = 'NWROCU' WHERE id = $1`, [a]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await kept()).toEqual([
      { region: 'ERSOU', owner_org: 'BEDS', status: 'TRIAGE', urgency: 'IMMEDIATE', national_priority: '', n: 1 },
      {
        region: 'ERSOU',
        owner_org: 'ESSEX',
        status: 'ASSESSMENT',
        urgency: 'ROUTINE',
        national_priority: 'FIREARMS',
        n: 1,
      },
    ]);
    expect(await kept()).toEqual(await counted());
  });

  it('stays exact when many transactions move referrals both ways between two keys at once', async () => {
    const ids = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        insertReferralRow(db, {
          region: 'ERSOU',
          ownerOrg: 'CAMBS',
          status: index % 2 === 0 ? 'TRIAGE' : 'INFO_REQUESTED',
          urgency: 'ROUTINE',
        }),
      ),
    );
    // Each transaction flips two referrals (mostly in opposite directions): both keys' counter rows, locked at
    // commit. The referrals themselves are locked in id order, so any deadlock would be the counters'.
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        const client = await db.connect();
        try {
          for (let round = 0; round < 20; round += 1) {
            const pair = [ids[(writer * 2 + round) % 16], ids[(writer * 2 + round + 1) % 16]].sort();
            try {
              await client.query('BEGIN');
              for (const id of pair) {
                await client.query(
                  `UPDATE referrals SET status = CASE status WHEN 'TRIAGE' THEN 'INFO_REQUESTED' ELSE 'TRIAGE' END
                    WHERE id = $1`,
                  [id],
                );
              }
              await client.query('COMMIT');
            } catch (error) {
              failures.push((error as Error).message);
              await client.query('ROLLBACK');
            }
          }
        } finally {
          client.release();
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(await kept()).toEqual(await counted());
  });

  it('is emptied with the table, and rebuilt from the rows when the migration runs again', async () => {
    const dataSource = new DataSource(
      dataSourceOptions({ url: scratch.url, poolMax: 1, connectionTimeoutMs: 10_000, statementTimeoutMs: 60_000 }),
    );
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    try {
      const migration = new ReferralCounts1764800000000();
      await migration.down(runner);
      await insertReferralRow(db, { region: 'NWROCU', ownerOrg: 'GMP', status: 'SUBMITTED', urgency: 'ROUTINE' });
      await migration.up(runner);
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
    const rebuilt = await kept();
    expect(rebuilt).toContainEqual(expect.objectContaining({ region: 'NWROCU', owner_org: 'GMP', n: 1 }));
    expect(rebuilt).toEqual(await counted());

    await db.query(`TRUNCATE referrals CASCADE`);
    expect(await db.query(`SELECT count(*)::int AS n FROM referral_counts`)).toMatchObject({ rows: [{ n: 0 }] });
  });
});
