import { DataSource } from 'typeorm';
import { DEV_AUDIT_SEAL_KEY } from '@rocu/config';
import { dataSourceOptions, verifyAuditChain } from '@rocu/persistence';

/**
 * `npm run audit:verify`: checks the audit hash chain and its seals (signed with AUDIT_SEAL_KEY, the
 * development key if unset) of the database named by DATABASE_URL and prints the result with the last seal's
 * head (store it elsewhere to detect truncation later) and the unsealed tail. Exit 1 on a break.
 */
async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const dataSource = new DataSource(
    dataSourceOptions({ url, poolMax: 1, connectionTimeoutMs: 10_000, statementTimeoutMs: 600_000 }),
  );
  await dataSource.initialize();
  try {
    const result = await verifyAuditChain(dataSource.manager, process.env.AUDIT_SEAL_KEY || DEV_AUDIT_SEAL_KEY);
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
