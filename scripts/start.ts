import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, externalPostgres, PostgresServer, startEmbeddedPostgres } from './lib/postgres';
import { startNodeProcess, ManagedProcess } from './lib/child-process';
import { migrateDatabase } from './lib/migrate-database';
import { DATA_DIR, PROJECT_ROOT } from './lib/project-paths';
import { startTemporalOnPostgres } from './lib/temporal-cluster';
import { ensureSearchAttributes } from './lib/search-attributes';
import { startTemporalDevServer } from './lib/temporal-dev-server';
import { say } from './lib/log';
import { startDevMailbox } from './lib/smtp-sink';

/** A port for a server `npm start` starts itself: the variable if set, else the default. */
function port(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
    throw new Error(`${variable} must be a port number from 1 to 65535 (got ${value})`);
  }
  return parsed;
}

/** Which Temporal `npm start` runs when TEMPORAL_ADDRESS is unset: the dev server, or the Postgres-backed cluster. */
function temporalServerKind(): 'dev' | 'cluster' {
  const value = process.env.TEMPORAL_SERVER ?? 'dev';
  if (value !== 'dev' && value !== 'cluster') throw new Error(`TEMPORAL_SERVER must be dev or cluster (got ${value})`);
  return value;
}

/** TEMPORAL_CLUSTER_NODES: server processes in the cluster (default 2). */
function clusterNodes(): number {
  const value = process.env.TEMPORAL_CLUSTER_NODES ?? '2';
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 5) {
    throw new Error(`TEMPORAL_CLUSTER_NODES must be a whole number from 1 to 5 (got ${value})`);
  }
  return parsed;
}

/** The web app's session secret: SESSION_SECRET, or one made once and kept in .data (sessions survive restarts). */
function sessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = join(DATA_DIR, 'web-session-secret');
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * `npm start`: Postgres (embedded unless DATABASE_URL is set) and a Temporal dev server (unless
 * TEMPORAL_ADDRESS is set; with TEMPORAL_SERVER=cluster, the Temporal server on that Postgres as a two-node
 * cluster instead), persisted under .data/, then migrations, reference data, the API and the
 * worker. Every combination of the two variables starts on a clean clone (test/start-up.e2e.ts). Ctrl-C
 * stops everything it started; the next start resumes with the same data.
 */
async function main(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      say('stopping...');
      for (const stop of stops.reverse())
        await stop().catch((error: unknown) => say(`while stopping: ${String(error)}`));
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const temporalKind = temporalServerKind();
    let databaseUrl = process.env.DATABASE_URL;
    let postgres: PostgresServer;
    if (databaseUrl) {
      postgres = externalPostgres(databaseUrl);
    } else {
      const embedded = await startEmbeddedPostgres(
        join(DATA_DIR, 'postgres'),
        port('EMBEDDED_POSTGRES_PORT', 54329),
        true,
      );
      stops.push(() => embedded.stop());
      postgres = embedded;
      databaseUrl = await createDatabase(postgres, 'rocu_gateway');
    }
    await migrateDatabase(databaseUrl);
    say('database migrated; reference data seeded');

    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let temporalUi: string | undefined;
    if (!temporalAddress && temporalKind === 'cluster') {
      // Temporal's own databases (temporal, temporal_visibility) on the same Postgres server.
      const cluster = await startTemporalOnPostgres(postgres, {
        dir: join(DATA_DIR, 'temporal-cluster'),
        nodes: clusterNodes(),
        port: port('TEMPORAL_PORT', 7233),
      });
      stops.push(() => cluster.stop());
      temporalAddress = cluster.address;
    }
    if (!temporalAddress) {
      const temporal = await startTemporalDevServer({
        port: port('TEMPORAL_PORT', 7233),
        uiPort: port('TEMPORAL_UI_PORT', 8233),
        dbFile: join(DATA_DIR, 'temporal.sqlite'),
      });
      stops.push(() => temporal.stop());
      temporalAddress = temporal.address;
      temporalUi = temporal.uiUrl;
    } else {
      const added = await ensureSearchAttributes(temporalAddress, process.env.TEMPORAL_NAMESPACE || 'default');
      if (added.length > 0) say(`search attributes registered on ${temporalAddress}: ${added.join(', ')}`);
    }

    // Without an SMTP server, notifications are e-mailed to a local sink the web app shows (/dev/mailbox).
    let smtpUrl = process.env.SMTP_URL;
    let devMailbox: string | undefined;
    if (!smtpUrl) {
      devMailbox = join(DATA_DIR, 'dev-mailbox');
      const sink = await startDevMailbox(devMailbox, port('SMTP_SINK_PORT', 2525));
      stops.push(() => sink.close());
      smtpUrl = `smtp://127.0.0.1:${sink.port}`;
    }

    const apiPort = process.env.PORT ?? '3000';
    const webPort = process.env.WEB_PORT ?? '3001';
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      AUTH_MODE: process.env.AUTH_MODE ?? 'dev',
      SMTP_URL: smtpUrl,
      NOTIFY_LINK_BASE_URL: process.env.NOTIFY_LINK_BASE_URL ?? `http://localhost:${webPort}`,
    };
    const webEnv = {
      ...env,
      // The API's AUTH_MODE names its token check (dev or jwks); the web app's names how people sign in.
      AUTH_MODE: process.env.WEB_AUTH_MODE ?? (env.AUTH_MODE === 'dev' ? 'dev' : 'oidc'),
      WEB_PORT: webPort,
      API_BASE_URL: process.env.API_BASE_URL ?? `http://127.0.0.1:${apiPort}/api/v1`,
      SESSION_SECRET: sessionSecret(),
      ...(devMailbox ? { DEV_MAILBOX_DIR: devMailbox } : {}),
    };
    const services: ManagedProcess[] = [
      startNodeProcess('worker', join(PROJECT_ROOT, 'dist/apps/worker/src/main.js'), env),
      startNodeProcess('api', join(PROJECT_ROOT, 'dist/apps/api/src/main.js'), env),
      startNodeProcess('web', join(PROJECT_ROOT, 'dist/apps/web/src/main.js'), webEnv),
    ];
    for (const service of services) {
      stops.push(() => service.stop());
      void service.exited.then((code) => {
        if (!stopping) {
          say(`${service.name} exited unexpectedly (code ${code}); stopping everything`);
          void shutdown(1);
        }
      });
    }

    const api = `http://localhost:${apiPort}`;
    say('ROCU Gateway is starting:');
    say(`  Web app      http://localhost:${webPort}   (sign in as a listed person with AUTH_MODE=dev)`);
    say(`  API          ${api}/api/v1   (health: ${api}/api/v1/health)`);
    say(`  API docs     ${api}/docs`);
    if (temporalUi) say(`  Temporal UI  ${temporalUi}`);
    if (devMailbox)
      say(`  Mailbox      http://localhost:${webPort}/dev/mailbox   (e-mails sent to the local SMTP sink)`);
    say(`  dev token    curl -s -X POST ${api}/api/v1/auth/dev-token -H 'content-type: application/json' \\`);
    say(`                 -d '{"sub":"jane","name":"DC Jane Smith","roles":["FORCE_REFERRER"],"org":"WYP"}'`);
    say('Press Ctrl-C to stop.');
  } catch (error) {
    say(`start failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

void main();
