import { DataSource } from 'typeorm';
import { dataSourceOptions, verifyAuditChain } from '@rocu/persistence';

/**
 * `npm run audit:verify`: checks the audit hash chain of the database named by DATABASE_URL and prints
 * the result with the chain head (store the head elsewhere to detect truncation later). Exit 1 on a break.
 */
async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const dataSource = new DataSource(
    dataSourceOptions({ url, poolMax: 1, connectionTimeoutMs: 10_000, statementTimeoutMs: 600_000 }),
  );
  await dataSource.initialize();
  try {
    const result = await verifyAuditChain(dataSource.manager);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
