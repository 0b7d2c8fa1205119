import type { EntityManager } from 'typeorm';

/** Whatever the caller runs its statements on: a transaction's EntityManager, or the DataSource itself. */
export type Queryable = Pick<EntityManager, 'query'>;

/** The cheapest round trip: resolves when the database answers (a readiness probe). */
export async function pingDatabase(queryable: Queryable): Promise<void> {
  await queryable.query('SELECT 1');
}
