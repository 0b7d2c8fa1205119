import { DataSource } from 'typeorm';
import { dataSourceOptions, seedReferenceData } from '@rocu/persistence';

/** Migrations may build indexes on large tables for minutes (concurrently, so nothing waits on them). */
const MIGRATION_STATEMENT_TIMEOUT_MS = 30 * 60_000;

function migrationDataSource(url: string): DataSource {
  return new DataSource(
    dataSourceOptions({
      url,
      poolMax: 2,
      connectionTimeoutMs: 10_000,
      statementTimeoutMs: MIGRATION_STATEMENT_TIMEOUT_MS,
    }),
  );
}

/**
 * Brings a database to the latest schema and inserts any missing reference data. Each migration runs in its
 * own transaction, except one that declares `transaction = false` (a concurrent index build).
 */
export async function migrateDatabase(url: string): Promise<void> {
  const dataSource = migrationDataSource(url);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seedReferenceData(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Undoes the last migration applied, in a transaction unless it declares `transaction = false` (TypeORM's
 * revert ignores that flag and would wrap a concurrent index drop in a transaction). Returns its name, or
 * undefined when none is applied.
 */
export async function revertLastMigration(dataSource: DataSource): Promise<string | undefined> {
  const [last] = await dataSource.query<{ name: string }[]>(
    `SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`,
  );
  if (!last) return undefined;
  const migration = dataSource.migrations.find((candidate) => candidate.name === last.name);
  if (!migration) throw new Error(`migration ${last.name} is applied but not in this build`);
  await dataSource.undoLastMigration({ transaction: migration.transaction === false ? 'none' : 'each' });
  return last.name;
}

/** Undoes the last `count` migrations applied, newest first; returns their names. */
export async function revertMigrations(url: string, count: number): Promise<string[]> {
  const dataSource = migrationDataSource(url);
  await dataSource.initialize();
  const reverted: string[] = [];
  try {
    while (reverted.length < count) {
      const name = await revertLastMigration(dataSource);
      if (!name) break;
      reverted.push(name);
    }
    return reverted;
  } finally {
    await dataSource.destroy();
  }
}
