import type { EventEmitter } from 'node:events';
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
 * Gives every new pooled connection an 'error' listener for its whole life. pg emits 'error' when the server
 * ends a connection nobody is querying on; the pool removes its own listener as it hands a connection over and
 * TypeORM adds its listener a microtask later, so a connection ended just as it is handed over (its "ready"
 * and the server's "terminating connection" in one read) had none, and the unhandled 'error' ended the
 * process: the worker died that way when Postgres stopped under load. The loss still reaches whoever uses
 * the connection next: its query fails.
 */
export function keepConnectionErrorsHandled(connection: EventEmitter): void {
  connection.on('error', () => undefined);
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
    // Off: TypeORM's line for a failed statement prints its parameters (a subject's name, intelligence text) as
    // plain text. The failure reaches its caller, whose JSON log line leaves them out (loggedError).
    logging: false,
    extra: {
      max: settings.poolMax,
      connectionTimeoutMillis: settings.connectionTimeoutMs,
      statement_timeout: settings.statementTimeoutMs,
      idle_in_transaction_session_timeout: settings.statementTimeoutMs * 2,
      application_name: 'rocu-gateway',
      onConnect: keepConnectionErrorsHandled,
      ...(settings.role ? { options: `-c role=${settings.role}` } : {}),
    },
  };
}
