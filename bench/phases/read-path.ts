import { Pool } from 'pg';
import type { Actor } from '@rocu/domain';
import type { ListReferralsQuery } from '../../apps/api/src/referrals/list-referrals.query';
import { runPool } from '../concurrency';
import { cpuPerOperation, cpuPerOperationNote, single, startCpuWindow } from '../cpu-usage';
import { runLoad } from '../load/run-load';
import { progressBar } from '../progress';
import type { PhaseReport, Row } from '../report';
import { seedReferrals } from '../seed-referrals';
import { throughput, ThroughputStats } from '../stats';
import { devToken } from '../stack/api-client';
import { FORCE_AND_ROCU } from './actors';
import type { BenchContext } from './context';
import { captureListSql, captureNationalReportSql, explain, PlanSummary, queryString, Statement } from './read-queries';

const QUERIES: { name: string; filters: Partial<ListReferralsQuery> }[] = [
  { name: 'list, default sort (deadline)', filters: {} },
  { name: 'filter status=ASSESSMENT', filters: { status: ['ASSESSMENT'] } },
  { name: 'filter urgency=IMMEDIATE, sort=priority', filters: { urgency: 'IMMEDIATE', sort: 'priority' } },
  { name: 'search q=kestrel', filters: { q: 'kestrel' } },
];
/** The API's pool size (DB_POOL_MAX default), so raw SQL gets the same number of connections. */
const API_POOL_MAX = 10;
const WARM_UP = 30;
/** Where a read's CPU goes; 'other' holds the HTTP load process. */
const CPU_GROUPS = ['api', 'postgres', 'worker', 'temporal server', 'bench', 'other', 'machine total'];

/** One read measured over HTTP and as its SQL: the path, whose token, and how to capture the SQL it sends. */
interface Read {
  name: string;
  path: string;
  token: string;
  capture: () => Promise<Statement[]>;
}

interface QueryResult {
  name: string;
  path: string;
  http: ThroughputStats;
  sql: ThroughputStats;
  statements: Statement[];
  plans: PlanSummary[];
  /** The list's total, or the report's rows. */
  answerSize: number;
  /** CPU milliseconds per read by process group, over HTTP and as SQL. */
  cpuMs: { http: Record<string, number>; sql: Record<string, number> };
}

interface SizeResult {
  tableCount: number;
  regionCount: number;
  seeded: { inserted: number; seconds: number };
  results: QueryResult[];
}

/** The same statements, at once on pooled connections, as the API sends them (the page and its total). */
function sqlRunner(pool: Pool, statements: Statement[]): () => Promise<void> {
  return async () => {
    await Promise.all(statements.map((statement) => pool.query(statement.sql, statement.params)));
  };
}

/** '100k', '1m' or the number itself. */
const sizeLabel = (size: number): string =>
  size % 1_000_000 === 0 ? `${size / 1_000_000}m` : size % 1_000 === 0 ? `${size / 1_000}k` : String(size);

async function measureRead(read: Read, context: BenchContext, pool: Pool): Promise<QueryResult> {
  const { stack, options } = context;
  const c = options.concurrency;
  const label = (what: string) => `4 ${what} ${read.name}`.slice(0, 23).padEnd(23);
  const statements = await read.capture();
  const job = { kind: 'get', apiUrl: stack.apiUrl, path: read.path, token: read.token, concurrency: c } as const;
  // The bench process sends the SQL; the HTTP load comes from a process of its own, counted in 'other'.
  const groups = { ...stack.processGroups, bench: single(process.pid) };
  await runLoad(label('warm-up'), { ...job, count: WARM_UP });
  const httpWindow = startCpuWindow(groups);
  const http = throughput(await runLoad(label('HTTP'), { ...job, count: options.readN }));
  const httpCpuMs = cpuPerOperation(httpWindow.stop(), options.readN);
  const runSql = sqlRunner(pool, statements);
  await runPool(WARM_UP, c, runSql);
  const bar = progressBar(label('SQL'), options.readN);
  const sqlWindow = startCpuWindow(groups);
  const sql = throughput(await runPool(options.readN, c, runSql, (done) => bar.update(done)));
  const sqlCpuMs = cpuPerOperation(sqlWindow.stop(), options.readN);
  bar.finish();
  const plans = await Promise.all(
    statements.map((statement) =>
      explain((text, params) => pool.query<Record<string, unknown>>(text, params).then((r) => r.rows), statement),
    ),
  );
  const answer = (await (
    await fetch(`${stack.apiUrl}${read.path}`, { headers: { authorization: `Bearer ${read.token}` } })
  ).json()) as { total?: number; rows?: unknown[] };
  const answerSize = answer.total ?? answer.rows?.length ?? 0;
  return {
    name: read.name,
    path: read.path,
    http,
    sql,
    statements,
    plans,
    answerSize,
    cpuMs: { http: httpCpuMs, sql: sqlCpuMs },
  };
}

/**
 * Phase 4: list/filter/sort/search and the national MI report, p95 over HTTP against the API's own SQL through
 * pg, at each table size in turn (seeded up to it); with two sizes or more, each read's p95 at the largest
 * against the smallest (growth with data should be index-bound, not linear). Then the web path, at the largest.
 */
export async function benchReadPath(context: BenchContext): Promise<PhaseReport> {
  const { stack, options } = context;
  const c = options.concurrency;
  const pool = new Pool({ connectionString: stack.databaseUrl, max: API_POOL_MAX });
  const sizes: SizeResult[] = [];
  let region = '';
  let reads: Read[] = [];
  for (const size of options.seedN) {
    const seeded = await seedReferrals(stack.databaseUrl, size);
    if (reads.length === 0) {
      // The busiest ROCU region at the first size; the same actor at every size, so the reads compare.
      const rocuRegions = FORCE_AND_ROCU.map((pair) => pair.region);
      const { rows } = await pool.query<{ region: string }>(
        `SELECT region FROM referrals WHERE region = ANY($1) GROUP BY region ORDER BY count(*) DESC LIMIT 1`,
        [rocuRegions],
      );
      region = rows[0].region;
      reads = await readsOf(stack.apiUrl, stack.databaseUrl, region);
    }
    const {
      rows: [{ count: tableCount, in_region: regionCount }],
    } = await pool.query<{ count: string; in_region: string }>(
      'SELECT count(*), count(*) FILTER (WHERE region = $1) AS in_region FROM referrals',
      [region],
    );
    const results: QueryResult[] = [];
    for (const read of reads) results.push(await measureRead(read, context, pool));
    sizes.push({ tableCount: Number(tableCount), regionCount: Number(regionCount), seeded, results });
  }
  await pool.end();

  const labelled = sizes.length > 1;
  const largest = sizes[sizes.length - 1];
  const rows: Row[] = [
    ...sizes.flatMap((size, index): Row[] => {
      const prefix = labelled ? `${sizeLabel(options.seedN[index])}: ` : '';
      return [
        {
          metric: `${prefix}seed: referrals inserted (${size.seeded.seconds.toFixed(1)} s)`,
          unit: '',
          ours: size.seeded.inserted,
        },
        ...size.results.flatMap((result): Row[] => [
          {
            metric: `${prefix}${result.name}: p50 (HTTP vs SQL)`,
            unit: 'ms',
            ours: result.http.latency.p50,
            baseline: result.sql.latency.p50,
          },
          {
            metric: `${prefix}${result.name}: p95 (HTTP vs SQL)`,
            unit: 'ms',
            ours: result.http.latency.p95,
            baseline: result.sql.latency.p95,
            target: '<= 1.5',
          },
        ]),
      ];
    }),
    ...(labelled
      ? largest.results.flatMap((result, index): Row[] => {
          const [small, large] = [options.seedN[0], options.seedN[options.seedN.length - 1]].map(sizeLabel);
          const smallest = sizes[0].results[index];
          return [
            {
              metric: `${result.name}: HTTP p95 at ${large} vs ${small}`,
              unit: 'ms',
              ours: result.http.latency.p95,
              baseline: smallest.http.latency.p95,
              target: '<= 1.5',
            },
            {
              metric: `${result.name}: SQL p95 at ${large} vs ${small}`,
              unit: 'ms',
              ours: result.sql.latency.p95,
              baseline: smallest.sql.latency.p95,
            },
          ];
        })
      : []),
  ];
  const notes = [
    `actor: GATEWAY_ASSESSOR of ${region} for the lists, NCA_LIAISON for the national report; pageSize 50; HTTP and SQL both at C=${c}, ${options.readN} requests each; SQL on a pg pool of ${API_POOL_MAX} like the API's`,
    "SQL = the statements the API's services send (captured through TypeORM), e.g. the page query and the COUNT for the total, sent at once as the API does",
    ...sizes.flatMap((size, index) => [
      `${labelled ? `${sizeLabel(options.seedN[index])}: ` : ''}${size.tableCount} referrals, ${size.regionCount} of them in ${region}`,
      ...size.results.flatMap((result) => [
        `${result.name} (GET ${result.path}, answer ${result.answerSize}; errors HTTP ${result.http.errors}, SQL ${result.sql.errors}):`,
        `  CPU a read over HTTP: ${cpuPerOperationNote(result.cpuMs.http, CPU_GROUPS)}; as SQL: ${cpuPerOperationNote(result.cpuMs.sql, CPU_GROUPS)}`,
        ...result.plans.map(
          (plan, index) =>
            `  ${index === 0 ? 'first' : `#${index + 1}  `} ${plan.executionMs.toFixed(1)} ms${plan.seqScan ? ' SEQ SCAN' : plan.usesIndex ? ' (index)' : ''}: ${plan.nodes}`,
        ),
      ]),
    ]),
  ];
  return {
    phase: 4,
    title: `Read path: ${sizes.map((size) => size.tableCount).join(' then ')} referrals, p95 over HTTP vs the same SQL through pg`,
    rows,
    notes,
    data: { region, sizes },
  };
}

/** The four list reads as a ROCU assessor of the region sees them, and the national report as the NCA sees it. */
async function readsOf(apiUrl: string, databaseUrl: string, region: string): Promise<Read[]> {
  const token = await devToken(apiUrl, ['GATEWAY_ASSESSOR'], region);
  const actor: Actor = {
    sub: `bench-gateway_assessor@${region.toLowerCase()}`,
    name: 'Bench assessor',
    roles: ['GATEWAY_ASSESSOR'],
    org: region,
    region,
  };
  const nca: Actor = {
    sub: 'bench-nca_liaison@nca',
    name: 'Bench NCA liaison',
    roles: ['NCA_LIAISON'],
    org: 'NCA',
    region: null,
  };
  return [
    ...QUERIES.map((query) => ({
      name: query.name,
      path: `/referrals${queryString(query.filters)}`,
      token,
      capture: () => captureListSql(databaseUrl, actor, query.filters),
    })),
    {
      name: 'MI: national report',
      path: '/national/report',
      token: await devToken(apiUrl, ['NCA_LIAISON'], 'NCA'),
      capture: () => captureNationalReportSql(databaseUrl, nca),
    },
  ];
}
