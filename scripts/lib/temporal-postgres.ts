import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { PostgresServer } from './postgres';
import { TemporalServerTools } from './temporal-server-tools';

const execFileAsync = promisify(execFile);

/** Where a Temporal server keeps its state: two databases on one Postgres server. */
export interface TemporalPersistence {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Histories, timers, task queues (the `temporal` schema). */
  database: string;
  /** Workflow lists and search attributes (the `visibility` schema). */
  visibilityDatabase: string;
}

export const DEFAULT_TEMPORAL_DATABASES = { database: 'temporal', visibilityDatabase: 'temporal_visibility' };

async function hasSchemaVersionTable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ found: string | null }>("SELECT to_regclass('schema_version') AS found");
    return rows[0]?.found !== null;
  } finally {
    await client.end();
  }
}

async function databaseExists(server: PostgresServer, name: string): Promise<boolean> {
  const admin = new Client({ connectionString: server.urlFor('postgres') });
  await admin.connect();
  try {
    return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount !== 0;
  } finally {
    await admin.end();
  }
}

/**
 * Creates Temporal's two databases on the project's Postgres (embedded or DATABASE_URL's server) and brings
 * their schemas to this server version with temporal-sql-tool, as the docker images' auto-setup does:
 * `create-database`, `setup-schema -v 0.0` on a new database, then `update-schema` from the module's
 * `schema/postgresql/v12/{temporal,visibility}/versioned`. Idempotent: a second run changes nothing.
 */
export async function setUpTemporalDatabases(
  tools: TemporalServerTools,
  server: PostgresServer,
  names: { database: string; visibilityDatabase: string } = DEFAULT_TEMPORAL_DATABASES,
): Promise<TemporalPersistence> {
  const url = new URL(server.urlFor('postgres'));
  const persistence: TemporalPersistence = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ...names,
  };
  // The password goes in the environment, not on a command line that `ps` shows.
  const env = { ...process.env, SQL_PASSWORD: persistence.password };
  for (const [database, schema] of [
    [names.database, 'temporal'],
    [names.visibilityDatabase, 'visibility'],
  ] as const) {
    const sql = (...command: string[]) =>
      execFileAsync(
        tools.sqlTool,
        [
          '--plugin',
          'postgres12',
          '--endpoint',
          persistence.host,
          '--port',
          String(persistence.port),
          '--user',
          persistence.user,
          '--database',
          database,
          ...command,
        ],
        { env, timeout: 120_000 },
      );
    if (!(await databaseExists(server, database))) await sql('create-database');
    if (!(await hasSchemaVersionTable(server.urlFor(database)))) await sql('setup-schema', '--version', '0.0');
    await sql('update-schema', '--schema-dir', join(tools.postgresSchemaDir, schema, 'versioned'));
  }
  return persistence;
}
