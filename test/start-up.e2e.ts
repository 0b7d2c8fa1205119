import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { freePort } from '@rocu/observability';
import { PROJECT_ROOT, TOOLS_DIR } from '../scripts/lib/project-paths';
import { HttpClient } from './support/http-client';
import { testEnvironment } from './support/test-environment';

/** A clean clone as far as `npm start` is concerned: the built code and the installed packages, no .data/. */
function cleanClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rocu-clone-'));
  // The embedded Postgres runs as the 'postgres' user when started by root: it must reach the folder.
  chmodSync(dir, 0o755);
  cpSync(join(PROJECT_ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

interface Combination {
  DATABASE_URL: boolean;
  TEMPORAL_ADDRESS: boolean;
}

interface StartUp {
  exitCode: number | null;
  output: string;
  forces: number;
  dataDir: { postgres: boolean; temporal: boolean };
}

async function waitForHealth(http: HttpClient, exited: Promise<unknown>, output: () => string): Promise<void> {
  let ended = false;
  void exited.then(() => (ended = true));
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline && !ended) {
    const status = await http.get('/health').then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((wake) => setTimeout(wake, 500));
  }
  throw new Error(`npm start did not become healthy${ended ? ' (it exited)' : ''}:\n${output()}`);
}

/**
 * Runs `npm start`'s script (dist/scripts/start.js) from a clean clone with the combination's variables
 * set to the test run's own servers, waits until the API is healthy and serves reference data, then
 * stops it with Ctrl-C (SIGINT).
 */
async function startUp(combination: Combination): Promise<StartUp> {
  const settings = testEnvironment();
  const suffix = randomBytes(4).toString('hex');
  const clone = cleanClone();
  const database = `${settings.templateDatabase}_start_${suffix}`;
  const admin = new Pool({ connectionString: settings.adminUrl, max: 1 });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    WEB_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    METRICS_PORT: String(await freePort()),
    WORKER_METRICS_PORT: String(await freePort()),
    SMTP_SINK_PORT: String(await freePort()),
    TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH ?? join(TOOLS_DIR, 'temporal'),
    TEMPORAL_TASK_QUEUE: `start-up-${suffix}`,
    WORKFLOW_BUNDLE_PATH: settings.workflowBundlePath,
    MEETING_SCHEDULES: 'false',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  delete env.AUTH_MODE;
  try {
    if (combination.DATABASE_URL) {
      // Your own Postgres: an empty database that `npm start` migrates and seeds.
      await admin.query(`CREATE DATABASE "${database}"`);
      const url = new URL(settings.adminUrl);
      url.pathname = `/${database}`;
      env.DATABASE_URL = url.toString();
    }
    if (combination.TEMPORAL_ADDRESS) env.TEMPORAL_ADDRESS = settings.temporalAddress;

    const child = spawn(process.execPath, [join(clone, 'dist/scripts/start.js')], {
      cwd: clone,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
    try {
      const http = new HttpClient(`http://127.0.0.1:${port}/api/v1`);
      await waitForHealth(http, exited, () => output);
      const token = await http.post<{ token: string }>('/auth/dev-token', {
        sub: 'start-up',
        name: 'Start-up check',
        roles: ['FORCE_REFERRER'],
        org: 'WYP',
      });
      const organisations = await http.get<{ forces?: unknown[] }>('/reference/organisations', token.body.token);
      child.kill('SIGINT');
      const exitCode = await exited;
      return {
        exitCode,
        output,
        forces: organisations.body.forces?.length ?? 0,
        dataDir: {
          postgres: existsSync(join(clone, '.data', 'postgres', 'PG_VERSION')),
          temporal: existsSync(join(clone, '.data', 'temporal.sqlite')),
        },
      };
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    rmSync(clone, { recursive: true, force: true });
  }
}

describe('npm start on a clean clone, with every combination of DATABASE_URL and TEMPORAL_ADDRESS', () => {
  it.each([
    { DATABASE_URL: false, TEMPORAL_ADDRESS: false },
    { DATABASE_URL: true, TEMPORAL_ADDRESS: false },
    { DATABASE_URL: false, TEMPORAL_ADDRESS: true },
    { DATABASE_URL: true, TEMPORAL_ADDRESS: true },
  ])('starts, serves and stops cleanly with %o', async (combination) => {
    const result = await startUp(combination);
    expect(result.output).not.toMatch(/start failed|exited unexpectedly/);
    expect(result.output).toContain('Press Ctrl-C to stop.');
    expect(result.forces).toBeGreaterThanOrEqual(41); // migrated and seeded
    expect(result.exitCode).toBe(0);
    // It starts only the servers it is not given, keeping their data in the clone's .data/.
    expect(result.dataDir).toEqual({ postgres: !combination.DATABASE_URL, temporal: !combination.TEMPORAL_ADDRESS });
  });
});
