import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  url: string;
  poolMax: number;
  connectionTimeoutMs: number;
  statementTimeoutMs: number;
  /** The role the services act as (SET ROLE at connect): may only SELECT and INSERT the audit log. */
  role?: string;
}

/**
 * One place for connection settings: a bounded pool that fails fast (connection and statement timeouts)
 * so an exhausted pool or an outage becomes a quick 503 rather than a hang. Schema changes go only
 * through migrations.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: {
      max: settings.poolMax,
      connectionTimeoutMillis: settings.connectionTimeoutMs,
      statement_timeout: settings.statementTimeoutMs,
      idle_in_transaction_session_timeout: settings.statementTimeoutMs * 2,
      application_name: 'rocu-gateway',
      ...(settings.role ? { options: `-c role=${settings.role}` } : {}),
    },
  };
}
