import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { loadConfig } from '@rocu/config';
import { dataSourceOptions } from '@rocu/persistence';
import { ReferralProjectionRebuild } from '../apps/worker/src/projection-rebuild/referral-projection-rebuild';

const USAGE = 'usage: npm run projection:rebuild -- <referralId ...|--all>';

/**
 * `npm run projection:rebuild -- <referralId ...|--all>`, with the worker's environment (DATABASE_URL,
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE) and a worker running to answer the workflows'
 * queries: rebuilds each referral's read projection from its workflow (every referral workflow on the task
 * queue with --all, so a lost row is found too). Prints one JSON line per referral; exit 1 if any failed.
 */
async function main(args: string[]): Promise<number> {
  if (args.length === 0) throw new Error(USAGE);
  const config = loadConfig(process.env);
  const dataSource = new DataSource(
    dataSourceOptions({
      url: config.DATABASE_URL,
      poolMax: 2,
      connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      role: config.DB_APP_ROLE,
    }),
  );
  await dataSource.initialize();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  let failed = 0;
  try {
    const rebuild = new ReferralProjectionRebuild(
      dataSource,
      new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    );
    const ids = args.includes('--all') ? rebuild.referralIds(config.TEMPORAL_TASK_QUEUE) : args;
    for await (const id of ids) {
      try {
        process.stdout.write(`${JSON.stringify(await rebuild.rebuild(id))}\n`);
      } catch (error) {
        failed += 1;
        process.stdout.write(`${JSON.stringify({ referralId: id, error: (error as Error).message })}\n`);
      }
    }
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
