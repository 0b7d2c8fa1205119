import { migrateDatabase } from './lib/migrate-database';
import { say } from './lib/log';

/** `npm run migrate`: migrations and reference data for the database named by DATABASE_URL. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  await migrateDatabase(url);
  say('database migrated and reference data seeded');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
