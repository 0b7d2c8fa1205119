import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CLI_SEARCH_ATTRIBUTE_TYPES, REFERRAL_SEARCH_ATTRIBUTES } from '@rocu/contracts';
import { resolveTemporalCli } from './temporal-cli';
import { say } from './log';

export interface TemporalServerOptions {
  port: number;
  /** Web UI port; omit for a headless server. */
  uiPort?: number;
  /** Persist state here; omit for an in-memory server. */
  dbFile?: string;
  /** Faster, less durable SQLite settings for throwaway test servers. */
  fastSqlite?: boolean;
}

export interface TemporalServerHandle {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

type ServingStatus = NonNullable<Awaited<ReturnType<Connection['healthService']['check']>>['status']>;
/** grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING */
const SERVING = 1 as ServingStatus;

async function waitUntilServing(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        const { status } = await connection.healthService.check({});
        if (status === SERVING) return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
  throw new Error(`Temporal server at ${address} not ready after ${timeoutMs} ms: ${String(lastError)}`);
}

/**
 * Starts `temporal server start-dev` and waits for it ourselves: the SDK's helper allows only 5 s, too
 * little on two busy cores.
 */
export async function startTemporalDevServer(options: TemporalServerOptions): Promise<TemporalServerHandle> {
  const address = `127.0.0.1:${options.port}`;
  const cli = await resolveTemporalCli();
  // On a clean clone nothing else may have made the data folder yet (with DATABASE_URL, no embedded Postgres).
  if (options.dbFile) mkdirSync(dirname(options.dbFile), { recursive: true });
  if (cli.kind === 'sdk-download') {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.port,
        dbFilename: options.dbFile,
        ui: options.uiPort !== undefined,
        searchAttributes: [...REFERRAL_SEARCH_ATTRIBUTES],
      },
    });
    return { address, stop: () => env.teardown() };
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'error'];
  args.push(...(options.uiPort === undefined ? ['--headless'] : ['--ui-port', String(options.uiPort)]));
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  // The workflows' search attributes, registered on every start (the dev server keeps no schema of its own).
  for (const key of REFERRAL_SEARCH_ATTRIBUTES)
    args.push('--search-attribute', `${key.name}=${CLI_SEARCH_ATTRIBUTE_TYPES[key.type]}`);
  if (options.fastSqlite) args.push('--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF');
  const child = spawn(cli.path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  try {
    await Promise.race([
      waitUntilServing(address, 90_000),
      exited.then(() => {
        throw new Error(`Temporal server exited during start-up: ${stderr}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  say(`Temporal dev server ready at ${address}`);
  return {
    address,
    uiUrl: options.uiPort === undefined ? undefined : `http://127.0.0.1:${options.uiPort}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
