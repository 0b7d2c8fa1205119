import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../scripts/lib/project-paths';
import { printFigures } from './support/temporal-under-test';
import { testEnvironment } from './support/test-environment';

/**
 * A process using the project's data source options (the API, the worker, the scripts) runs transactions
 * with pauses between statements, as activities do, while its connections are ended by the server (what a
 * Postgres restart or an administrator does), over and over. It runs in a child process because a
 * connection error nobody listens for ends the process it happens in. Prints JSON figures.
 */
const CHILD = `
const { DataSource } = require('typeorm');
const { Client } = require('pg');
const { dataSourceOptions } = require(${JSON.stringify(join(PROJECT_ROOT, 'dist/libs/persistence/src'))});
const pause = (ms) => new Promise((wake) => setTimeout(wake, ms));
(async () => {
  const url = process.env.DATABASE_URL;
  const options = dataSourceOptions({ url, poolMax: 10, connectionTimeoutMs: 5000, statementTimeoutMs: 10000 });
  // Named apart from other tests' connections, so that only this process's are ended; TypeORM's own logging
  // of the failed queries would mix with the figures on stdout.
  const name = 'connection-loss-' + process.pid;
  const dataSource = new DataSource({ ...options, extra: { ...options.extra, application_name: name }, logging: false });
  await dataSource.initialize();
  const killer = new Client({ connectionString: url });
  await killer.connect();
  const figures = { committed: 0, failed: 0, terminated: 0, afterwards: 'not tried' };
  let stopping = false;
  const activity = async () => {
    while (!stopping) {
      try {
        await dataSource.transaction(async (manager) => {
          await manager.query('SELECT 1');
          await pause(Math.random() * 30);
          await manager.query('SELECT 1');
        });
        figures.committed += 1;
      } catch {
        figures.failed += 1;
      }
    }
  };
  const activities = Array.from({ length: 20 }, activity);
  for (let round = 0; round < 40; round += 1) {
    await pause(100 + Math.random() * 100);
    // Every connection of this process: in a transaction, idle in the pool, or only just connecting.
    const { rows } = await killer.query(
      'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [name],
    );
    figures.terminated += rows[0].n;
  }
  stopping = true;
  await Promise.all(activities);
  await dataSource.query('SELECT 1');
  figures.afterwards = 'ok';
  await killer.end();
  await dataSource.destroy();
  process.stdout.write(JSON.stringify(figures));
})();
`;

describe('Postgres ends connections the services are using', () => {
  it('does not end the process: transactions caught mid-flight fail, and the next ones succeed', async () => {
    const { adminUrl } = testEnvironment();
    const run = await promisify(execFile)(process.execPath, ['-e', CHILD], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: adminUrl },
      timeout: 120_000,
    }).then(
      ({ stdout }) => ({ exited: 0, stdout, stderr: '' }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        exited: error.code,
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? '',
      }),
    );
    expect({ exited: run.exited, stderr: run.stderr }).toEqual({ exited: 0, stderr: '' });
    const figures = JSON.parse(run.stdout) as {
      committed: number;
      failed: number;
      terminated: number;
      afterwards: string;
    };
    printFigures('Postgres ended connections in use', figures);
    expect(figures.terminated).toBeGreaterThan(0);
    expect(figures.failed).toBeGreaterThan(0);
    expect(figures.committed).toBeGreaterThan(0);
    expect(figures.afterwards).toBe('ok');
  });
});
