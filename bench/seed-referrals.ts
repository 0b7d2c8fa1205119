import { Pool } from 'pg';
import { progressBar } from './progress';
import { SEED_WORKFLOW_PREFIX, SeedRow, seededRandom, seedRow } from './seed/seed-rows';

const BATCH = 2_000;

/** Column name, SQL array type, and how to read it from a row; unnest() turns the arrays back into rows. */
const COLUMNS: [string, string, (row: SeedRow) => unknown][] = [
  ['id', 'uuid', (row) => row.id],
  ['region', 'text', (row) => row.region],
  ['workflow_id', 'text', (row) => row.workflowId],
  ['owner_org', 'text', (row) => row.ownerOrg],
  ['status', 'text', (row) => row.status],
  ['urgency', 'text', (row) => row.urgency],
  ['classification', 'text', (row) => row.classification],
  ['subject_type', 'text', (row) => row.subjectType],
  ['subject_name', 'text', (row) => row.subjectName],
  ['submission', 'jsonb', (row) => row.submission],
  ['submitted_by_sub', 'text', (row) => row.submittedBySub],
  ['submitted_by_name', 'text', (row) => row.submittedByName],
  ['submitted_at', 'timestamptz', (row) => row.submittedAt],
  ['updated_at', 'timestamptz', (row) => row.updatedAt],
  ['last_seq', 'integer', (row) => row.lastSeq],
  ['priority', 'text', (row) => row.priority],
  ['risk_score', 'numeric', (row) => row.riskScore],
  ['next_deadline_at', 'timestamptz', (row) => row.nextDeadlineAt],
];

const names = COLUMNS.map(([name]) => name);
const INSERT_SQL = `
  INSERT INTO referrals (reference, ${names.join(', ')})
  SELECT t.region || '-' || to_char(t.submitted_at, 'YYYY') || '-' || lpad(nextval('referral_reference_seq')::text, 6, '0'),
         ${names.map((name) => `t.${name}`).join(', ')}
    FROM unnest(${COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')}) AS t(${names.join(', ')})`;

/**
 * Inserts seeded referrals until the table holds `target` of them (re-running tops up rather than doubling),
 * in multi-row INSERT ... SELECT FROM unnest() batches, then VACUUM ANALYZEs the table. Returns how many it added.
 */
export async function seedReferrals(
  databaseUrl: string,
  target: number,
): Promise<{ inserted: number; seconds: number }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const started = Date.now();
  try {
    const { rows } = await pool.query<{ count: string }>(
      `SELECT count(*) FROM referrals WHERE starts_with(workflow_id, $1)`,
      [SEED_WORKFLOW_PREFIX],
    );
    const existing = Number(rows[0].count);
    const missing = Math.max(0, target - existing);
    const random = seededRandom(existing + 1);
    const now = Date.now();
    const bar = progressBar('4 seeding referrals    ', missing);
    for (let done = 0; done < missing;) {
      const batch = Array.from({ length: Math.min(BATCH, missing - done) }, () => seedRow(random, now));
      await pool.query(
        INSERT_SQL,
        COLUMNS.map(([, , read]) => batch.map(read)),
      );
      done += batch.length;
      bar.update(done);
    }
    bar.finish();
    // Autovacuum would soon do this for a bulk-loaded table; without it index-only scans are not possible.
    await pool.query('VACUUM (ANALYZE) referrals');
    return { inserted: missing, seconds: (Date.now() - started) / 1000 };
  } finally {
    await pool.end();
  }
}

/** `node dist/bench/seed-referrals.js [--count=100000]` with DATABASE_URL set. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to the database to seed');
  const countArg = process.argv.slice(2).find((arg) => arg.startsWith('--count='));
  const count = countArg ? Number(countArg.slice('--count='.length)) : 100_000;
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
  const { inserted, seconds } = await seedReferrals(url, count);
  process.stdout.write(`seeded ${inserted} referrals in ${seconds.toFixed(1)} s (target ${count})\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
