import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-source';
import { DEFAULT_TASK_QUEUE } from '@rocu/contracts';
import { ManagedProcess, startNodeProcess } from '../../scripts/lib/child-process';
import { freePort } from '@rocu/observability';
import { migrateDatabase } from '../../scripts/lib/migrate-database';
import {
  createDatabase,
  dropDatabases,
  externalPostgres,
  PostgresServer,
  startEmbeddedPostgres,
} from '../../scripts/lib/postgres';
import { DATA_DIR, PROJECT_ROOT } from '../../scripts/lib/project-paths';
import { startTemporalOnPostgres } from '../../scripts/lib/temporal-cluster';
import { startTemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import { processTree, ProcessGroups, single } from '../cpu-usage';
import type { TemporalEngine } from '../options';
import { waitForHealth } from './api-client';

export interface BenchStack {
  /** e.g. http://127.0.0.1:41234/api/v1 */
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  /** The task queue the API starts referral workflows on and the worker polls. */
  taskQueue: string;
  apiPid?: number;
  workerPid?: number;
  /** The stack's processes by role, for CPU accounting (only those the bench started). */
  processGroups: ProcessGroups;
  /** What was started and what was reused, for the report. */
  description: string;
  stop(): Promise<void>;
}

const say = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

/** An existing stack named by API_URL, DATABASE_URL and TEMPORAL_ADDRESS (WORKER_PID for the memory phase). */
function attachedStack(env: NodeJS.ProcessEnv): BenchStack {
  const { API_URL, DATABASE_URL, TEMPORAL_ADDRESS, WORKER_PID, TEMPORAL_TASK_QUEUE } = env;
  if (!API_URL || !DATABASE_URL || !TEMPORAL_ADDRESS)
    throw new Error(
      'API_URL needs DATABASE_URL and TEMPORAL_ADDRESS too (the bench seeds and queries the database and starts workflows directly)',
    );
  return {
    apiUrl: API_URL.replace(/\/$/, ''),
    databaseUrl: DATABASE_URL,
    temporalAddress: TEMPORAL_ADDRESS,
    taskQueue: TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
    workerPid: WORKER_PID ? Number(WORKER_PID) : undefined,
    processGroups: WORKER_PID ? { worker: single(Number(WORKER_PID)) } : {},
    description: `existing stack: API ${API_URL}, Temporal ${TEMPORAL_ADDRESS}`,
    stop: async () => undefined,
  };
}

/** The Temporal a bench stack runs on, started by the bench; its processes are counted as 'temporal server'. */
async function startTemporal(
  engine: TemporalEngine,
  postgres: PostgresServer,
  database: string,
  runDir: string,
): Promise<{ address: string; processes: ProcessGroups[string]; description: string; stop(): Promise<void> }> {
  if (engine === 'server') {
    const dir = join(runDir, 'temporal');
    // One node: a second on the same two cores would only share them. Named after the bench's database so
    // that dropping it (DATABASE_URL's server) drops these too.
    const cluster = await startTemporalOnPostgres(postgres, {
      dir,
      nodes: 1,
      databases: { database: `${database}_temporal`, visibilityDatabase: `${database}_temporal_visibility` },
    });
    return {
      address: cluster.address,
      processes: processTree((argv) => argv.includes(join(dir, 'node1'))),
      description: 'Temporal server v1.29.1 on the same Postgres (one node)',
      stop: () => cluster.stop(),
    };
  }
  const temporalPort = String(await freePort());
  const temporal = await startTemporalDevServer({ port: Number(temporalPort), fastSqlite: true });
  return {
    address: temporal.address,
    processes: processTree((argv) => argv.includes('start-dev') && argv[argv.indexOf('--port') + 1] === temporalPort),
    description: 'Temporal dev server (in-memory SQLite)',
    stop: () => temporal.stop(),
  };
}

/**
 * BENCH_CPU_PROF=<dir>: V8 CPU profiles of a service process's main thread (`<dir>/<name>.cpuprofile`),
 * written when it stops; the variables to add to its environment.
 */
export function cpuProfileEnv(env: NodeJS.ProcessEnv, name: string): NodeJS.ProcessEnv {
  const profileDir = env.BENCH_CPU_PROF;
  if (!profileDir) return {};
  mkdirSync(profileDir, { recursive: true });
  return {
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${join(__dirname, 'cpu-profile-preload.js')}`.trim(),
    BENCH_CPU_PROF_FILE: join(profileDir, `${name}.cpuprofile`),
  };
}

/**
 * Starts what the bench needs on free ports: Postgres (embedded, or a fresh database on DATABASE_URL's
 * server), Temporal (unless TEMPORAL_ADDRESS: the dev server, or with engine `server` the Temporal server on
 * that Postgres), the worker and the API as child processes with the same settings as the e2e tests, plus a
 * prebuilt referral workflow bundle.
 */
export async function startBenchStack(env: NodeJS.ProcessEnv, engine: TemporalEngine = 'dev'): Promise<BenchStack> {
  if (env.API_URL) return attachedStack(env);
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const runDir = join(DATA_DIR, `bench-${runId}`);
  mkdirSync(runDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [async () => rmSync(runDir, { recursive: true, force: true })];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse())
      await stop().catch((error: unknown) => say(`while stopping: ${String(error)}`));
  };
  try {
    const processGroups: ProcessGroups = {};
    let postgres: PostgresServer;
    const database = `rocu_bench_${runId}`;
    if (env.DATABASE_URL) {
      const external = externalPostgres(env.DATABASE_URL);
      postgres = external;
      stops.push(() => dropDatabases(external, database));
    } else {
      const dataDir = join(runDir, 'postgres');
      postgres = await startEmbeddedPostgres(dataDir, await freePort(), false);
      stops.push(() => postgres.stop());
      processGroups.postgres = processTree((argv) => argv.includes(dataDir));
    }
    const databaseUrl = await createDatabase(postgres, database);
    await migrateDatabase(databaseUrl);

    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalDescription = `Temporal ${temporalAddress}`;
    if (!temporalAddress) {
      const temporal = await startTemporal(engine, postgres, database, runDir);
      processGroups['temporal server'] = temporal.processes;
      stops.push(() => temporal.stop());
      temporalAddress = temporal.address;
      temporalDescription = temporal.description;
    }

    const bundlePath = join(runDir, 'workflow-bundle.js');
    const quiet = () => undefined;
    const { code } = await bundleWorkflowCode({
      ...workflowBundleOptions(),
      logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: say, error: say },
    });
    writeFileSync(bundlePath, code);

    const port = await freePort();
    const taskQueue = `bench-${runId}`;
    const serviceEnv: NodeJS.ProcessEnv = {
      ...env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'warn',
      THROTTLE_LIMIT: '1000000',
      // Operations listeners on free ports, so a bench runs beside `npm start`.
      METRICS_PORT: '0',
      WORKER_METRICS_PORT: '0',
    };
    const logs: string[] = [];
    const launch = (name: string, entry: string): ManagedProcess => {
      const managed = startNodeProcess(
        name,
        join(PROJECT_ROOT, entry),
        { ...serviceEnv, ...cpuProfileEnv(env, name) },
        'pipe',
      );
      const keep = (chunk: Buffer) => {
        logs.push(`[${name}] ${chunk.toString()}`);
        if (logs.length > 200) logs.shift();
      };
      managed.child.stdout?.on('data', keep);
      managed.child.stderr?.on('data', keep);
      stops.push(() => managed.stop());
      return managed;
    };
    const worker = launch('worker', 'dist/apps/worker/src/main.js');
    const api = launch('api', 'dist/apps/api/src/main.js');
    const apiUrl = `http://127.0.0.1:${port}/api/v1`;
    await waitForHealth(apiUrl, 90_000, () => logs.join(''));
    say(`stack ready: API ${apiUrl}, Temporal ${temporalAddress}, task queue ${taskQueue}`);
    return {
      apiUrl,
      databaseUrl,
      temporalAddress,
      taskQueue,
      apiPid: api.child.pid,
      workerPid: worker.child.pid,
      processGroups: { ...processGroups, api: single(api.child.pid), worker: single(worker.child.pid) },
      description: `started by the bench: ${env.DATABASE_URL ? 'database on DATABASE_URL server' : 'embedded Postgres (fsync off)'}, ${temporalDescription}, API and worker as separate processes (DB_POOL_MAX 10 each)`,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
