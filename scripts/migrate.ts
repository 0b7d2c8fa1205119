import { migrateDatabase, revertMigrations } from './lib/migrate-database';
import { say } from './lib/log';

/**
 * `npm run migrate`: migrations and reference data for the database named by DATABASE_URL.
 * `npm run migrate -- --revert=N`: undoes the last N migrations instead (newest first).
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const revertArg = process.argv.slice(2).find((arg) => arg.startsWith('--revert='));
  if (revertArg) {
    const count = Number(revertArg.slice('--revert='.length));
    if (!Number.isInteger(count) || count < 1) throw new Error('--revert must be a positive integer');
    const reverted = await revertMigrations(url, count);
    say(`reverted ${reverted.length} migrations: ${reverted.join(', ') || 'none was applied'}`);
    return;
  }
  await migrateDatabase(url);
  say('database migrated and reference data seeded');
}

/** A failed migration's message, with the statement and SQLSTATE TypeORM keeps (its own query log is off). */
function failure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { query, code } = error as Error & { query?: unknown; code?: unknown };
  const where = typeof query === 'string' ? `\nin: ${query.trim()}` : '';
  return `${error.message}${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}${where}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${failure(error)}\n`);
  process.exit(1);
});
