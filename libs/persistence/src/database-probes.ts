import type { DataSource } from 'typeorm';
import type { Queryable } from './queryable';

/** The cheapest round trip: resolves when the database answers (a readiness probe). */
export async function pingDatabase(queryable: Queryable): Promise<void> {
  await queryable.query('SELECT 1');
}

/**
 * Notifications written but not yet delivered: the outbox depth (rows still PENDING; delivery ends each SENT
 * or FAILED). The one place that knows what "not yet sent" means in the schema.
 */
export async function outboxDepth(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query<{ depth: number }[]>(
    "SELECT count(*)::int AS depth FROM notifications WHERE status = 'PENDING'",
  );
  return row?.depth ?? 0;
}
