import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CLI_SEARCH_ATTRIBUTE_TYPES, REFERRAL_SEARCH_ATTRIBUTES } from '@rocu/contracts';
import { resolveTemporalCli } from './temporal-cli';
import { startTemporalProcess } from './temporal-process';
import { say } from './log';
import { dynamicConfigArgs } from './temporal-dynamic-config';

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
  /** Kills the server outright (SIGKILL), as a crash would; with the SDK's download, stops it. */
  kill(): Promise<void>;
}

/** Starts `temporal server start-dev` (the Temporal CLI's dev server: SQLite, in memory or in a file). */
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
        extraArgs: dynamicConfigArgs(),
      },
    });
    return { address, stop: () => env.teardown(), kill: () => env.teardown() };
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'error'];
  args.push(...dynamicConfigArgs());
  args.push(...(options.uiPort === undefined ? ['--headless'] : ['--ui-port', String(options.uiPort)]));
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  // The workflows' search attributes, registered on every start (the dev server keeps no schema of its own).
  for (const key of REFERRAL_SEARCH_ATTRIBUTES)
    args.push('--search-attribute', `${key.name}=${CLI_SEARCH_ATTRIBUTE_TYPES[key.type]}`);
  if (options.fastSqlite) args.push('--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF');
  const server = await startTemporalProcess(cli.path, args, address);
  say(`Temporal dev server ready at ${address}`);
  return {
    address,
    uiUrl: options.uiPort === undefined ? undefined : `http://127.0.0.1:${options.uiPort}`,
    stop: () => server.stop(),
    kill: () => server.kill(),
  };
}
