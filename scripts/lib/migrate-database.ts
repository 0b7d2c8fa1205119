import { DataSource } from 'typeorm';
import { dataSourceOptions, seedReferenceData } from '@rocu/persistence';

/** Brings a database to the latest schema and inserts any missing reference data. */
export async function migrateDatabase(url: string): Promise<void> {
  const dataSource = new DataSource(
    dataSourceOptions({ url, poolMax: 2, connectionTimeoutMs: 10_000, statementTimeoutMs: 120_000 }),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seedReferenceData(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
