import { Pool } from 'pg';
import { cpuPerOperation, CpuShare, describeCpu, single, startCpuWindow } from '../cpu-usage';
import { startDbSampler, topActivities } from '../db-activity';
import { runLoad } from '../load/run-load';
import { latencyRows, type PhaseReport, type Row } from '../report';
import { throughput } from '../stats';
import { actorPairs } from './actors';
import type { BareTemporalResults } from './bare-temporal';
import type { BenchContext } from './context';
import { historyBreakdown, Span } from './history-breakdown';

const HISTORY_SAMPLE = 60;

/** Phase 2: N POST /referrals from a separate autocannon process, profiled while it runs. */
export async function benchSubmission(
  context: BenchContext,
  bare: BareTemporalResults | undefined,
): Promise<PhaseReport> {
  const { stack, options } = context;
  const referrerTokens = (await actorPairs(stack.apiUrl)).map((pair) => pair.referrer);
  const job = { kind: 'submit', apiUrl: stack.apiUrl, referrerTokens, concurrency: options.concurrency } as const;
  await runLoad('2 warm-up             ', { ...job, count: Math.min(50, options.n) });

  const db = new Pool({ connectionString: stack.databaseUrl, max: 2 });
  const {
    rows: [{ now: since }],
  } = await db.query<{ now: Date }>('SELECT now()');
  const sampler = await startDbSampler(stack.databaseUrl);
  let window: { stop(): CpuShare } | undefined;
  const result = await runLoad('2 POST /referrals      ', { ...job, count: options.n }, (pid) => {
    window = startCpuWindow({ ...stack.processGroups, 'load (autocannon)': single(pid), bench: single(process.pid) });
  });
  const cpu = window?.stop();
  const dbActivity = await sampler.stop();
  const stats = throughput(result);
  const cpuMsPerOp = cpu ? cpuPerOperation(cpu, stats.ok) : {};

  const { rows: sampled } = await db.query<{ workflow_id: string }>(
    `SELECT workflow_id FROM referrals WHERE submitted_at >= $1 ORDER BY random() LIMIT $2`,
    [since, HISTORY_SAMPLE],
  );
  await db.end();
  const profile = await historyBreakdown(
    context.client,
    sampled.map((row) => row.workflow_id),
  );
  const engineP50 = profile['engine total: started -> update completed'].p50;
  const floor = bare?.updateWithStartActivity;
  const bareCpu = floor?.cpuMsPerOp ?? {};

  const rows: Row[] = [
    {
      metric: 'throughput vs bare start',
      unit: '/s',
      ours: stats.perSecond,
      baseline: bare?.start.perSecond,
      target: '>= 0.70',
    },
    {
      metric: 'throughput vs bare update-with-start',
      unit: '/s',
      ours: stats.perSecond,
      baseline: bare?.updateWithStart.perSecond,
    },
    {
      metric: 'throughput vs bare update-with-start + activity',
      unit: '/s',
      ours: stats.perSecond,
      baseline: floor?.perSecond,
    },
    ...latencyRows((p) => `${p} vs bare update-with-start`, stats.latency, bare?.updateWithStart.latency, [
      'p50',
      'p95',
      'p99',
    ]),
    { metric: 'p95 vs bare start', unit: 'ms', ours: stats.latency.p95, baseline: bare?.start.latency.p95 },
    {
      metric: 'p95 vs bare update-with-start + activity',
      unit: 'ms',
      ours: stats.latency.p95,
      baseline: floor?.latency.p95,
    },
    ...(Object.keys(profile) as Span[]).map((span): Row => ({
      metric: `profile p50: ${span}`,
      unit: 'ms',
      ours: profile[span].p50,
      baseline: bare?.profile[span].p50,
    })),
    { metric: 'profile p50: outside the engine (HTTP, API, client)', unit: 'ms', ours: stats.latency.p50 - engineP50 },
    {
      metric: 'CPU per op: whole machine',
      unit: 'ms',
      ours: cpuMsPerOp['machine total'],
      baseline: bareCpu['machine total'],
    },
    {
      metric: 'CPU per op: Temporal server',
      unit: 'ms',
      ours: cpuMsPerOp['temporal server'],
      baseline: bareCpu['temporal server'],
    },
    { metric: 'CPU per op: Postgres', unit: 'ms', ours: cpuMsPerOp.postgres, baseline: bareCpu.postgres },
    { metric: 'CPU per op: API', unit: 'ms', ours: cpuMsPerOp.api },
    {
      metric: 'CPU per op: worker (vs bench = client + bare worker)',
      unit: 'ms',
      ours: cpuMsPerOp.worker,
      baseline: bareCpu['bench (client + bare worker)'],
    },
  ].filter((row) => row.ours !== undefined);
  return {
    phase: 2,
    title: `Submission: POST /referrals over HTTP (autocannon, separate process), N=${options.n}, C=${options.concurrency}`,
    rows,
    notes: [
      `${stats.ok} created, ${stats.errors} failed${stats.firstError ? ` (${stats.firstError})` : ''}; statuses ${JSON.stringify(result.statuses)}`,
      `profile rows: p50 of each span over ${sampled.length} sampled histories (server timestamps); baseline = phase 1c (update-with-start whose handler runs one no-op activity)`,
      ...(cpu ? [`CPU during the run: ${describeCpu(cpu)}`] : []),
      `Postgres activity (sampled every 50 ms, ${dbActivity.samples} samples; "idle in transaction" = waiting for the worker's next statement):`,
      ...topActivities(dbActivity).map((line) => `  ${line}`),
    ],
    data: { stats, statuses: result.statuses, profile, cpu, cpuMsPerOp, dbActivity },
  };
}
