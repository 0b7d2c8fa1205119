import type { QueryRunner } from 'typeorm';

/**
 * Builds an index without blocking writes to its table (`CONCURRENTLY`, so the migration declares
 * `transaction = false`: Postgres refuses it inside a transaction block). A build that failed half-way
 * leaves an INVALID index of that name behind, so any index of that name is dropped first: a re-run after
 * a failure builds it again rather than keeping a broken one.
 */
export async function createIndexConcurrently(q: QueryRunner, name: string, definition: string): Promise<void> {
  await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
  await q.query(`CREATE INDEX CONCURRENTLY ${name} ${definition}`);
}

/** Drops indexes one statement each (`DROP INDEX CONCURRENTLY` takes one index and no transaction block). */
export async function dropIndexesConcurrently(q: QueryRunner, names: string[]): Promise<void> {
  for (const name of names) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
}
