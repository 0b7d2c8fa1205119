import { performance } from 'node:perf_hooks';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAudit, dataSourceOptions, type AuditEntry } from '@rocu/persistence';
import { runPool } from '../concurrency';
import type { PhaseReport, Row } from '../report';
import { throughput, type ThroughputStats } from '../stats';
import type { BenchContext } from './context';

const WRITERS = 32;
const PLAIN_TABLE = 'bench_plain_audit';
const SEAL_WAIT_MS = 120_000;
/** Work a writer's transaction does after its audit row (the rest of a projection; a durable commit's flush). */
const WORK_AFTER_APPEND_S = 0.002;

const entry = (runId: string, index: number): AuditEntry => ({
  actorSub: `bench-writer-${index % WRITERS}`,
  actorOrg: 'WYP',
  action: 'REFERRAL_VIEWED',
  entityType: 'referral',
  entityId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
  outcome: 'SUCCESS',
  correlationId: `${runId}-${index}`,
  details: { bench: runId },
});

/** appendAudit's statement, into a copy of the table (same columns, defaults and indexes) that nothing seals. */
async function insertPlain(manager: EntityManager, row: AuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO ${PLAIN_TABLE} (actor_sub, actor_org, action, entity_type, entity_id, outcome, correlation_id,
       justification, details, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [row.actorSub, row.actorOrg, row.action, row.entityType, row.entityId, row.outcome, row.correlationId].concat([
      null,
      JSON.stringify(row.details),
      null,
    ]),
  );
}

type Writer = (manager: EntityManager, row: AuditEntry) => Promise<void>;

/** Each write alone (autocommit, as a list read's audit row), or in a transaction that goes on after it. */
const shapes: Record<
  'alone' | 'in a transaction',
  (dataSource: DataSource, write: Writer, row: AuditEntry) => Promise<void>
> = {
  alone: (dataSource, write, row) => write(dataSource.manager, row),
  'in a transaction': (dataSource, write, row) =>
    dataSource.transaction(async (manager) => {
      await write(manager, row);
      await manager.query('SELECT pg_sleep($1)', [WORK_AFTER_APPEND_S]);
    }),
};

/** Plain and audited writes alternately, twice each, best run of each (the machine is shared). */
async function compare(
  dataSource: DataSource,
  runId: string,
  count: number,
  shape: (dataSource: DataSource, write: Writer, row: AuditEntry) => Promise<void>,
): Promise<{ plain: ThroughputStats; appends: ThroughputStats }> {
  const best = (a: ThroughputStats | undefined, b: ThroughputStats) => (a && a.perSecond >= b.perSecond ? a : b);
  let plain: ThroughputStats | undefined;
  let appends: ThroughputStats | undefined;
  for (let round = 0; round < 2; round++) {
    const tag = `${runId}-${round}`;
    plain = best(
      plain,
      throughput(await runPool(count, WRITERS, (i) => shape(dataSource, insertPlain, entry(tag, i)))),
    );
    appends = best(
      appends,
      throughput(await runPool(count, WRITERS, (i) => shape(dataSource, appendAudit, entry(tag, i)))),
    );
  }
  return { plain: plain as ThroughputStats, appends: appends as ThroughputStats };
}

/** Polls until the sealer has chained every row appended so far; the time that took after the last append. */
async function waitForSeal(dataSource: DataSource): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < SEAL_WAIT_MS) {
    const [{ unsealed }] = await dataSource.query<{ unsealed: number }[]>(
      `SELECT count(*)::int AS unsealed FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.id = a.id)`,
    );
    if (unsealed === 0) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Number.NaN;
}

/**
 * Phase 7: audit appends per second from 32 concurrent writers (appendAudit, as the API and worker write them)
 * against plain inserts of the same rows into a copy of the table, each write alone and in a transaction that
 * goes on for 2 ms after it; then how long the sealer took to chain the last of them.
 */
export async function benchAuditAppends(context: BenchContext): Promise<PhaseReport> {
  const { stack, options, runId } = context;
  const count = options.n * 10;
  const dataSource = new DataSource(
    dataSourceOptions({
      url: stack.databaseUrl,
      poolMax: WRITERS,
      connectionTimeoutMs: 10_000,
      statementTimeoutMs: 60_000,
    }),
  );
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE TABLE ${PLAIN_TABLE} (LIKE audit_log INCLUDING ALL)`);
    // Warm both paths (connections, plans) before timing.
    await compare(dataSource, `${runId}-warm`, WRITERS * 2, shapes.alone);
    const alone = await compare(dataSource, `${runId}-alone`, count, shapes.alone);
    const inTransaction = await compare(dataSource, `${runId}-tx`, count, shapes['in a transaction']);
    const sealLagMs = await waitForSeal(dataSource);
    await dataSource.query(`DROP TABLE ${PLAIN_TABLE}`);
    const rows: Row[] = [
      {
        metric: `audit appends/s at C=${WRITERS} vs plain inserts`,
        unit: '/s',
        ours: alone.appends.perSecond,
        baseline: alone.plain.perSecond,
        target: '>= 0.5',
      },
      {
        metric: `the same, each in a transaction going on ${WORK_AFTER_APPEND_S * 1000} ms after it`,
        unit: '/s',
        ours: inTransaction.appends.perSecond,
        baseline: inTransaction.plain.perSecond,
        target: '>= 0.5',
      },
      {
        metric: 'append p95 vs plain insert p95 (alone)',
        unit: 'ms',
        ours: alone.appends.latency.p95,
        baseline: alone.plain.latency.p95,
      },
      { metric: 'sealed: last append to the whole log chained', unit: 'ms', ours: sealLagMs },
    ];
    const errors = [alone.appends, alone.plain, inTransaction.appends, inTransaction.plain].filter((run) => run.errors);
    const notes = [
      `${count} writes per run, plain and audited alternately, best of two runs each`,
      ...errors.map((run) => `${run.errors} errors, e.g. ${run.firstError}`),
    ];
    return {
      phase: 7,
      title: `Audit appends: ${WRITERS} concurrent writers`,
      rows,
      notes,
      data: { count, writers: WRITERS, alone, inTransaction, sealLagMs },
    };
  } finally {
    await dataSource.destroy();
  }
}
