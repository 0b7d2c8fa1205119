import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Pool } from 'pg';
import { dataSourceOptions, MIGRATIONS } from '@rocu/persistence';
import { revertLastMigration } from '../scripts/lib/migrate-database';
import { schemaSnapshot } from './support/schema-snapshot';
import { testEnvironment } from './support/test-environment';

/** A data source that knows the first `count` migrations, so `runMigrations` applies exactly up to there. */
function dataSourceUpTo(url: string, count: number): DataSource {
  return new DataSource({
    ...dataSourceOptions({ url, poolMax: 1, connectionTimeoutMs: 10_000, statementTimeoutMs: 120_000 }),
    migrations: MIGRATIONS.slice(0, count),
  });
}

async function withDataSource<T>(url: string, count: number, use: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = dataSourceUpTo(url, count);
  await dataSource.initialize();
  try {
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('every migration’s down undoes its up', () => {
  const settings = testEnvironment();
  const database = `migrations_${randomBytes(4).toString('hex')}`;
  const url = new URL(settings.templateUrl);
  url.pathname = `/${database}`;
  const admin = new Pool({ connectionString: settings.adminUrl, max: 1 });

  beforeAll(async () => {
    await admin.query(`CREATE DATABASE "${database}"`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it('one at a time, then all up, all down and all up again, leaving the same schema', async () => {
    const empty = await withDataSource(url.toString(), 0, schemaSnapshot);
    const notUndone: string[] = [];
    for (let count = 1; count <= MIGRATIONS.length; count++) {
      await withDataSource(url.toString(), count, async (dataSource) => {
        const before = await schemaSnapshot(dataSource);
        await dataSource.runMigrations({ transaction: 'each' });
        const after = await schemaSnapshot(dataSource);
        const reverted = await revertLastMigration(dataSource);
        const undone = await schemaSnapshot(dataSource);
        if (JSON.stringify(undone) !== JSON.stringify(before)) {
          const left = undone.filter((line) => !before.includes(line));
          const lost = before.filter((line) => !undone.includes(line));
          notUndone.push(`${reverted}: left ${JSON.stringify(left)}, lost ${JSON.stringify(lost)}`);
        }
        await dataSource.runMigrations({ transaction: 'each' });
        expect(await schemaSnapshot(dataSource)).toEqual(after);
      });
    }
    expect(notUndone).toEqual([]);

    await withDataSource(url.toString(), MIGRATIONS.length, async (dataSource) => {
      const latest = await schemaSnapshot(dataSource);
      expect(latest.some((line) => line.includes('conflict_declarations_meeting_fk'))).toBe(true);
      while (await revertLastMigration(dataSource));
      expect(await schemaSnapshot(dataSource)).toEqual(empty);
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await schemaSnapshot(dataSource)).toEqual(latest);
    });
  });
});
