import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { outboxDepth } from '@rocu/persistence';

/** The pg Pool behind a TypeORM Postgres data source (the only driver this project uses). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const poolOf = (dataSource: DataSource): PoolCounts | undefined =>
  (dataSource.driver as unknown as { master?: PoolCounts }).master;

/**
 * DB pool gauges read at scrape time: requests waiting for a connection (the sign of an exhausted pool,
 * which the fail-fast connection timeout turns into 503s), connections open and idle.
 */
export function registerPoolMetrics(dataSource: DataSource): void {
  const gauge = (name: string, help: string, read: (pool: PoolCounts) => number) =>
    new Gauge({
      name,
      help,
      collect() {
        const pool = poolOf(dataSource);
        this.set(pool ? read(pool) : 0);
      },
    });
  gauge('rocu_db_pool_waiting', 'Queries waiting for a free connection from the pool', (pool) => pool.waitingCount);
  gauge('rocu_db_pool_connections', 'Connections open in the pool', (pool) => pool.totalCount);
  gauge('rocu_db_pool_idle', 'Open connections not in use', (pool) => pool.idleCount);
}

export function registerOutboxMetric(dataSource: DataSource): void {
  new Gauge({
    name: 'rocu_outbox_depth',
    help: 'Notifications in the outbox not yet delivered',
    async collect() {
      // With the database down the last depth stands; readiness reports the outage, the scrape still answers.
      await outboxDepth(dataSource).then(
        (depth) => this.set(depth),
        () => undefined,
      );
    },
  });
}
