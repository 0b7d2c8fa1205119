import { Pool } from 'pg';
import { progressBar } from './progress';
import { SEED_COLUMNS, SEED_ROWS_SQL, SEED_WORKFLOW_PREFIX } from './seed/seed-rows';

/** Rows per statement: big enough that Postgres does the work, small enough for a progress bar. */
const BATCH = 50_000;

/** From this many rows to add, the table's secondary indexes are dropped for the load and built after it. */
const REBUILD_INDEXES_FROM = 50_000;

const INSERT_SQL = `
  INSERT INTO referrals (reference, ${SEED_COLUMNS.join(', ')})
  SELECT t.region || '-' || to_char(t.submitted_at, 'YYYY') || '-' || lpad(t.seq, greatest(6, length(t.seq)), '0'),
         ${SEED_COLUMNS.map((name) => `t.${name}`).join(', ')}
    FROM (SELECT rows.*, nextval('referral_reference_seq')::text AS seq FROM (${SEED_ROWS_SQL}) AS rows) AS t`;

/** The referrals table's indexes that back no constraint, by name, with the statement that makes each. */
async function secondaryIndexes(pool: Pool): Promise<{ name: string; definition: string }[]> {
  const { rows } = await pool.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = 'referrals'::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY 1`,
  );
  return rows;
}

/**
 * Inserts seeded referrals until the table holds `target` of them (re-running tops up rather than doubling),
 * in INSERT ... SELECT batches that Postgres generates itself (see SEED_ROWS_SQL), then VACUUM ANALYZEs the table.
 * Returns how many it added.
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
    const now = new Date().toISOString();
    // A bulk load goes faster without its indexes, built again afterwards from their own definitions (sorted,
    // not row by row), as pg_restore does: the same schema, a fraction of the time at a million rows.
    const indexes = missing >= REBUILD_INDEXES_FROM ? await secondaryIndexes(pool) : [];
    for (const index of indexes) await pool.query(`DROP INDEX ${index.name}`);
    const bar = progressBar('4 seeding referrals    ', missing);
    for (let done = 0; done < missing;) {
      const size = Math.min(BATCH, missing - done);
      const first = existing + done + 1;
      await pool.query(INSERT_SQL, [first, first + size - 1, now]);
      done += size;
      bar.update(done);
    }
    bar.finish();
    await pool.query(`SET maintenance_work_mem = '256MB'`);
    for (const index of indexes) await pool.query(index.definition);
    // Autovacuum would soon do this for a bulk-loaded table; without it index-only scans are not possible.
    await pool.query('VACUUM (ANALYZE) referrals');
    // The load updated each kept count once per row in a few long transactions; steady use never leaves
    // that many dead versions behind (page pruning keeps a counter row's page small), so compact them.
    await pool.query('VACUUM (FULL, ANALYZE) referral_counts');
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
