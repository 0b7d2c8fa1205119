import { randomBytes, randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@rocu/persistence';
import { testEnvironment } from './test-environment';

/** A database of the test file's own, made from the migrated template before its tests and dropped after. */
export interface ScratchDatabase {
  readonly pool: Pool;
  readonly url: string;
}

export function useScratchDatabase(prefix: string): ScratchDatabase {
  const settings = testEnvironment();
  const database = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: settings.adminUrl, max: 1 });
  const url = new URL(settings.templateUrl);
  url.pathname = `/${database}`;
  const scratch = { url: url.toString(), pool: new Pool({ connectionString: url.toString(), max: 10 }) };

  beforeAll(async () => {
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${settings.templateDatabase}"`);
  });

  afterAll(async () => {
    // end() resolves once its clients are told to close, not once they have: one still closing when the
    // database is dropped is told so by the server, which is expected here and not an error of the test.
    scratch.pool.on('error', () => undefined);
    await scratch.pool.end();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  return scratch;
}

/** A one-connection TypeORM DataSource on a test database, not yet initialised: for calling libs/persistence directly. */
export const directDataSource = (url: string): DataSource =>
  new DataSource(dataSourceOptions({ url, poolMax: 1, connectionTimeoutMs: 10_000, statementTimeoutMs: 60_000 }));

/** A TypeORM DataSource on the scratch database (as the API and worker have), for the repositories under test. */
export function useScratchDataSource(scratch: ScratchDatabase): DataSource {
  const dataSource = new DataSource(
    dataSourceOptions({ url: scratch.url, poolMax: 2, connectionTimeoutMs: 10_000, statementTimeoutMs: 60_000 }),
  );
  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());
  return dataSource;
}

/** What a referral row is counted and listed by; the rest of the row is fixed filler. */
export interface ReferralKey {
  region: string;
  ownerOrg: string;
  status: string;
  urgency: string;
}

/** Inserts a bare referral row (no workflow behind it); its id. */
export async function insertReferralRow(db: Pool | PoolClient, key: ReferralKey): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO referrals (id, reference, workflow_id, owner_org, region, status, urgency, classification,
                            subject_type, subject_name, submission, submitted_by_sub, submitted_by_name,
                            submitted_at, updated_at, last_seq, paused_ms, deconfliction_flag, origin,
                            reassessment_due)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'OFFICIAL', 'OCG', 'Counted', '{}', 'sub', 'Officer', now(), now(), 0, 0,
             false, 'REFERRAL', false)`,
    [id, `REF-${id.slice(0, 8)}`, `scratch-${id}`, key.ownerOrg, key.region, key.status, key.urgency],
  );
  return id;
}
