import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../apps/worker/src/workflow-source';
import { ensureChromium } from './lib/chromium';
import { createDatabase, dropDatabases, externalPostgres, PostgresServer, startEmbeddedPostgres } from './lib/postgres';
import { freePort } from '@rocu/observability';
import { migrateDatabase } from './lib/migrate-database';
import { DATA_DIR, PROJECT_ROOT } from './lib/project-paths';
import { startTemporalDevServer } from './lib/temporal-dev-server';
import { resolveTemporalServer } from './lib/temporal-server-tools';
import { say } from './lib/log';
import { JestResults, summariseTests } from './lib/test-summary';

/** The fewest tests a full run may run: raise it deliberately when tests are added, lower it only with a reason. */
const FLOOR_FILE = join(PROJECT_ROOT, 'test/test-count-floor.json');

/**
 * `npm test`: starts a real Postgres (embedded, or a fresh database on DATABASE_URL's server) and a real
 * Temporal dev server (and makes sure the Temporal server the fault tests run is built), prepares a migrated
 * template database and the workflow bundle once, runs jest, and prints `tests: N passed, M failed` as its
 * last line, after a line with the skipped and todo counts and the floor (see summariseTests). A run with jest
 * arguments is partial and not held to the floor.
 */
async function main(): Promise<number> {
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const runDir = join(DATA_DIR, `test-${runId}`);
  mkdirSync(runDir, { recursive: true });
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(runDir, { recursive: true, force: true })];
  let results: JestResults | undefined;
  let exitCode = 1;
  try {
    ensureChromium();
    let postgres: PostgresServer;
    if (process.env.DATABASE_URL) {
      const external = externalPostgres(process.env.DATABASE_URL);
      postgres = external;
      cleanups.unshift(() => dropDatabases(external, `rocu_test_${runId}`));
    } else {
      postgres = await startEmbeddedPostgres(join(runDir, 'postgres'), await freePort(), false);
      cleanups.unshift(() => postgres.stop());
    }
    const template = `rocu_test_${runId}`;
    await migrateDatabase(await createDatabase(postgres, template));
    say(`template database ${template} migrated`);

    const temporal = await startTemporalDevServer({ port: await freePort(), fastSqlite: true });
    cleanups.unshift(() => temporal.stop());
    // The fault tests run their own Postgres-backed Temporal servers: built here (once) rather than in a test.
    await resolveTemporalServer();

    const bundlePath = join(runDir, 'workflow-bundle.js');
    const { code } = await bundleWorkflowCode({
      ...workflowBundleOptions(),
      logger: {
        log: () => undefined,
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: say,
        error: say,
      },
    });
    writeFileSync(bundlePath, code);

    const resultsFile = join(runDir, 'jest-results.json');
    exitCode = await runJest(resultsFile, {
      ...process.env,
      TEST_POSTGRES_ADMIN_URL: postgres.urlFor('postgres'),
      TEST_TEMPLATE_DATABASE: template,
      TEST_DATABASE_URL: postgres.urlFor(template),
      TEMPORAL_ADDRESS: temporal.address,
      WORKFLOW_BUNDLE_PATH: bundlePath,
    });
    if (existsSync(resultsFile)) results = JSON.parse(readFileSync(resultsFile, 'utf8')) as JestResults;
  } catch (error) {
    say(`test set-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => say(`cleanup: ${String(error)}`));
  }
  const fullRun = process.argv.length === 2;
  const floor = fullRun ? (JSON.parse(readFileSync(FLOOR_FILE, 'utf8')) as { tests: number }).tests : undefined;
  const { passed, failed, details } = summariseTests(results, floor);
  process.stdout.write(`${details.join('\n')}\ntests: ${passed} passed, ${failed} failed\n`);
  return failed === 0 && exitCode === 0 ? 0 : 1;
}

function runJest(resultsFile: string, env: NodeJS.ProcessEnv): Promise<number> {
  const args = [require.resolve('jest/bin/jest'), '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
    child.on('exit', (code) => resolvePromise(code ?? 1));
  });
}

main().then(
  (code) => process.exit(code),
  () => process.exit(1),
);
