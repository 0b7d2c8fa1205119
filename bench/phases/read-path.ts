import { Pool } from 'pg';
import type { Actor } from '@rocu/domain';
import type { ListReferralsQuery } from '../../apps/api/src/referrals/list-referrals.query';
import { runPool } from '../concurrency';
import { runLoad } from '../load/run-load';
import { progressBar } from '../progress';
import type { PhaseReport, Row } from '../report';
import { seedReferrals } from '../seed-referrals';
import { throughput, ThroughputStats } from '../stats';
import { devToken } from '../stack/api-client';
import { FORCE_AND_ROCU } from './actors';
import type { BenchContext } from './context';
import { captureListSql, explain, PlanSummary, queryString, Statement } from './read-queries';

const QUERIES: { name: string; filters: Partial<ListReferralsQuery> }[] = [
  { name: 'list, default sort (deadline)', filters: {} },
  { name: 'filter status=ASSESSMENT', filters: { status: ['ASSESSMENT'] } },
  { name: 'filter urgency=IMMEDIATE, sort=priority', filters: { urgency: 'IMMEDIATE', sort: 'priority' } },
  { name: 'search q=kestrel', filters: { q: 'kestrel' } },
];
/** The API's pool size (DB_POOL_MAX default), so raw SQL gets the same number of connections. */
const API_POOL_MAX = 10;
const WARM_UP = 30;

interface QueryResult {
  name: string;
  path: string;
  http: ThroughputStats;
  sql: ThroughputStats;
  statements: Statement[];
  plans: PlanSummary[];
  httpTotal: number;
}

/** The same statements, at once on pooled connections, as the API sends them (the page and its total). */
function sqlRunner(pool: Pool, statements: Statement[]): () => Promise<void> {
  return async () => {
    await Promise.all(statements.map((statement) => pool.query(statement.sql, statement.params)));
  };
}

/** Phase 4: after seeding, list/filter/sort/search p95 over HTTP against the API's own SQL through pg. */
export async function benchReadPath(context: BenchContext): Promise<PhaseReport> {
  const { stack, options } = context;
  const c = options.concurrency;
  const seeded = await seedReferrals(stack.databaseUrl, options.seedN);
  const pool = new Pool({ connectionString: stack.databaseUrl, max: API_POOL_MAX });
  const rocuRegions = FORCE_AND_ROCU.map((pair) => pair.region);
  const {
    rows: [{ region, count: regionCount }],
  } = await pool.query<{ region: string; count: string }>(
    `SELECT region, count(*) FROM referrals WHERE region = ANY($1) GROUP BY region ORDER BY 2 DESC LIMIT 1`,
    [rocuRegions],
  );
  const {
    rows: [{ count: tableCount }],
  } = await pool.query<{ count: string }>('SELECT count(*) FROM referrals');
  const token = await devToken(stack.apiUrl, ['GATEWAY_ASSESSOR'], region);
  const actor: Actor = {
    sub: `bench-gateway_assessor@${region.toLowerCase()}`,
    name: 'Bench assessor',
    roles: ['GATEWAY_ASSESSOR'],
    org: region,
    region,
  };

  const results: QueryResult[] = [];
  for (const query of QUERIES) {
    const statements = await captureListSql(stack.databaseUrl, actor, query.filters);
    const path = `/referrals${queryString(query.filters)}`;
    const job = { kind: 'get', apiUrl: stack.apiUrl, path, token, concurrency: c } as const;
    await runLoad(`4 warm-up ${query.name}`.slice(0, 23).padEnd(23), { ...job, count: WARM_UP });
    const http = throughput(
      await runLoad(`4 HTTP ${query.name}`.slice(0, 23).padEnd(23), { ...job, count: options.readN }),
    );
    const runSql = sqlRunner(pool, statements);
    await runPool(WARM_UP, c, runSql);
    const bar = progressBar(`4 SQL ${query.name}`.slice(0, 23).padEnd(23), options.readN);
    const sql = throughput(await runPool(options.readN, c, runSql, (done) => bar.update(done)));
    bar.finish();
    const plans = await Promise.all(
      statements.map((statement) =>
        explain((text, params) => pool.query<Record<string, unknown>>(text, params).then((r) => r.rows), statement),
      ),
    );
    const answer = (await (
      await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { total: number };
    results.push({ name: query.name, path, http, sql, statements, plans, httpTotal: answer.total });
  }
  await pool.end();

  const rows: Row[] = [
    { metric: `seed: referrals inserted (${seeded.seconds.toFixed(1)} s)`, unit: '', ours: seeded.inserted },
    ...results.flatMap((result): Row[] => [
      {
        metric: `${result.name}: p50 (HTTP vs SQL)`,
        unit: 'ms',
        ours: result.http.latency.p50,
        baseline: result.sql.latency.p50,
      },
      {
        metric: `${result.name}: p95 (HTTP vs SQL)`,
        unit: 'ms',
        ours: result.http.latency.p95,
        baseline: result.sql.latency.p95,
        target: '<= 1.5',
      },
    ]),
  ];
  const notes = [
    `actor: GATEWAY_ASSESSOR of ${region}, which sees ${regionCount} of ${tableCount} referrals; pageSize 50; HTTP and SQL both at C=${c}, ${options.readN} requests each; SQL on a pg pool of ${API_POOL_MAX} like the API's`,
    "SQL = the statements the API's ReferralQueriesService sends (captured through TypeORM), i.e. the page query and the COUNT for the total, sent at once as the API does",
    ...results.flatMap((result) => [
      `${result.name} (GET ${result.path}, total ${result.httpTotal}; errors HTTP ${result.http.errors}, SQL ${result.sql.errors}):`,
      ...result.plans.map(
        (plan, index) =>
          `  ${index === 0 ? 'page ' : 'count'} ${plan.executionMs.toFixed(1)} ms${plan.seqScan ? ' SEQ SCAN' : plan.usesIndex ? ' (index)' : ''}: ${plan.nodes}`,
      ),
    ]),
  ];
  return {
    phase: 4,
    title: `Read path: ${tableCount} referrals, p95 over HTTP vs the same SQL through pg`,
    rows,
    notes,
    data: { seeded, region, regionCount: Number(regionCount), tableCount: Number(tableCount), results },
  };
}
