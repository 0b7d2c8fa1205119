import type { DataSource } from 'typeorm';

/** The cheapest round trip: Postgres answers through the data source's pool. */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
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
