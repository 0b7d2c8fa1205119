import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '@rocu/persistence';
import { seedReferrals } from '../bench/seed-referrals';
import { migrateDatabase, revertMigrations } from '../scripts/lib/migrate-database';
import { schemaSnapshot } from './support/schema-snapshot';
import { testEnvironment } from './support/test-environment';

/** The seeded size: 100,000 by default; MIGRATION_LOAD_REFERRALS makes it smaller on a slow machine. */
const REFERRALS = Number(process.env.MIGRATION_LOAD_REFERRALS ?? 100_000);
/** Back to before the first migration that builds an index concurrently, so every later one runs both ways. */
const FIRST_REVERTED = 'AuditListReads1763920000000';

/** Reads like the API's lists and search, and a write, each repeated until stopped; counts and worst times. */
class Traffic {
  private running = true;
  readonly errors: string[] = [];
  readonly done = { reads: 0, writes: 0 };
  readonly slowestMs = { read: 0, write: 0 };
  private readonly loops: Promise<void>[];

  constructor(
    private readonly pool: Pool,
    ids: string[],
  ) {
    const reads = [
      `SELECT id FROM referrals WHERE region = 'YHROCU' ORDER BY priority NULLS LAST, risk_score DESC NULLS LAST, submitted_at LIMIT 25`,
      `SELECT status, count(*) FROM referrals WHERE region = 'EMSOU' GROUP BY status`,
      `SELECT id FROM referrals WHERE subject_name ILIKE '%kestrel%' LIMIT 25`,
    ];
    let turn = 0;
    this.loops = [
      this.loop('read', () => this.pool.query(reads[turn++ % reads.length])),
      this.loop('write', () =>
        this.pool.query(`UPDATE referrals SET updated_at = now() WHERE id = $1`, [ids[turn % ids.length]]),
      ),
    ];
  }

  private async loop(kind: 'read' | 'write', send: () => Promise<unknown>): Promise<void> {
    while (this.running) {
      const started = Date.now();
      try {
        await send();
        this.done[`${kind}s`] += 1;
      } catch (error) {
        this.errors.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.slowestMs[kind] = Math.max(this.slowestMs[kind], Date.now() - started);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

describe(`migrations down and up on a seeded database while it is read and written`, () => {
  const settings = testEnvironment();
  const database = `migrations_load_${randomBytes(4).toString('hex')}`;
  const url = new URL(settings.templateUrl);
  url.pathname = `/${database}`;
  const admin = new Pool({ connectionString: settings.adminUrl, max: 1 });
  const pool = new Pool({ connectionString: url.toString(), max: 2 });

  const snapshot = async () => {
    const dataSource = new DataSource(
      dataSourceOptions({ url: url.toString(), poolMax: 1, connectionTimeoutMs: 10_000, statementTimeoutMs: 60_000 }),
    );
    await dataSource.initialize();
    try {
      return await schemaSnapshot(dataSource);
    } finally {
      await dataSource.destroy();
    }
  };

  beforeAll(async () => {
    await admin.query(`CREATE DATABASE "${database}"`);
    await migrateDatabase(url.toString());
  });

  afterAll(async () => {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it(`reverts and reapplies every migration from ${FIRST_REVERTED} with no read or write failing`, async () => {
    const seeded = await seedReferrals(url.toString(), REFERRALS);
    const ids = (await pool.query<{ id: string }>(`SELECT id FROM referrals ORDER BY id LIMIT 1000`)).rows.map(
      (row) => row.id,
    );
    const before = await snapshot();
    const count = MIGRATIONS.length - MIGRATIONS.findIndex((migration) => migration.name === FIRST_REVERTED);

    const traffic = new Traffic(pool, ids);
    const started = Date.now();
    const reverted = await revertMigrations(url.toString(), count);
    const downMs = Date.now() - started;
    await migrateDatabase(url.toString());
    const upMs = Date.now() - started - downMs;
    await traffic.stop();

    process.stdout.write(
      `[migrations] ${REFERRALS} referrals (seeded in ${seeded.seconds.toFixed(1)} s): ${reverted.length} migrations ` +
        `down in ${(downMs / 1000).toFixed(1)} s and up in ${(upMs / 1000).toFixed(1)} s; meanwhile ` +
        `${traffic.done.reads} reads (slowest ${traffic.slowestMs.read} ms) and ${traffic.done.writes} writes ` +
        `(slowest ${traffic.slowestMs.write} ms), ${traffic.errors.length} failed\n`,
    );
    expect(reverted).toHaveLength(count);
    expect(reverted[reverted.length - 1]).toBe(FIRST_REVERTED);
    expect(traffic.errors).toEqual([]);
    expect(traffic.done.reads).toBeGreaterThan(0);
    expect(traffic.done.writes).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
    const rows = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM referrals`);
    expect(rows.rows[0].n).toBe(REFERRALS);
  }, 600_000);
});
