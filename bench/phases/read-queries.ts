import 'reflect-metadata';
import { DataSource, Logger } from 'typeorm';
import type { Actor } from '@rocu/domain';
import { dataSourceOptions } from '@rocu/persistence';
import { NationalPrioritiesService } from '../../apps/api/src/national/national-priorities.service';
import { NationalRhythmService } from '../../apps/api/src/national/national-rhythm.service';
import { ListReferralsQuery } from '../../apps/api/src/referrals/list-referrals.query';
import { ReferralQueriesService } from '../../apps/api/src/referrals/referral-queries.service';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** Records every statement TypeORM sends (and nothing else). */
class CapturingLogger implements Logger {
  readonly statements: Statement[] = [];
  logQuery(query: string, parameters?: unknown[]): void {
    this.statements.push({ sql: query, params: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * The exact SQL the API runs for a read: the API's own service is called (by `read`) with the same actor and
 * arguments against the same database, and the statements it sends are captured (bar the audit row it
 * writes, which the HTTP figure includes).
 */
async function captureSql(
  databaseUrl: string,
  read: (dataSource: DataSource) => Promise<unknown>,
): Promise<Statement[]> {
  const logger = new CapturingLogger();
  const dataSource = new DataSource({
    ...dataSourceOptions({ url: databaseUrl, poolMax: 1, connectionTimeoutMs: 10_000, statementTimeoutMs: 60_000 }),
    logger,
  });
  await dataSource.initialize();
  try {
    logger.statements.length = 0;
    await read(dataSource);
    // The read's own queries; the audit row the API also writes for the read is part of the HTTP figure only.
    return logger.statements.filter((statement) => !/INSERT INTO "?audit_log/i.test(statement.sql));
  } finally {
    await dataSource.destroy();
  }
}

/** The SQL of `GET /referrals` with these filters. */
export const captureListSql = (
  databaseUrl: string,
  actor: Actor,
  filters: Partial<ListReferralsQuery>,
): Promise<Statement[]> =>
  captureSql(databaseUrl, (dataSource) =>
    new ReferralQueriesService(dataSource).list(actor, Object.assign(new ListReferralsQuery(), filters), 'bench'),
  );

/** The SQL of `GET /national/report`, the national MI: referrals per region, national priority and status. */
export const captureNationalReportSql = (databaseUrl: string, actor: Actor): Promise<Statement[]> =>
  captureSql(databaseUrl, (dataSource) =>
    new NationalRhythmService(dataSource, new NationalPrioritiesService(dataSource)).report(actor, 'bench'),
  );

/** The query string the HTTP API takes for the same filters. */
export function queryString(filters: Partial<ListReferralsQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

function describeNode(node: PlanNode): string[] {
  const target = node['Index Name']
    ? ` using ${node['Index Name']}`
    : node['Relation Name']
      ? ` on ${node['Relation Name']}`
      : '';
  // Scans show how many rows they produced (and threw away), which says more than "an index was used".
  const removed = node['Rows Removed by Filter'] ? `, ${node['Rows Removed by Filter']} filtered out` : '';
  const rows = node['Node Type'].includes('Scan') ? ` [${node['Actual Rows'] ?? 0} rows${removed}]` : '';
  return [`${node['Node Type']}${target}${rows}`, ...(node.Plans ?? []).flatMap(describeNode)];
}

export interface PlanSummary {
  /** Plan nodes top-down, e.g. "Limit > Sort > Bitmap Heap Scan on referrals > Bitmap Index Scan using ...". */
  nodes: string;
  executionMs: number;
  usesIndex: boolean;
  seqScan: boolean;
}

/** EXPLAIN ANALYZE of one captured statement. */
export async function explain(
  run: (sql: string, params: unknown[]) => Promise<unknown[]>,
  statement: Statement,
): Promise<PlanSummary> {
  const [row] = (await run(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, statement.params)) as {
    'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }];
  }[];
  const [{ Plan: plan, 'Execution Time': executionMs }] = row['QUERY PLAN'];
  const nodes = describeNode(plan);
  return {
    nodes: nodes.join(' > '),
    executionMs,
    usesIndex: nodes.some((node) => node.includes(' using ')),
    seqScan: nodes.some((node) => node.startsWith('Seq Scan')),
  };
}
