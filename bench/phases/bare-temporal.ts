import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { runPool, runStagedPool } from '../concurrency';
import { cpuPerOperation, CpuShare, describeCpu, ProcessGroups, startCpuWindow } from '../cpu-usage';
import { bumpUpdate, MINIMAL_WORKFLOW_TYPE, type MinimalInput } from '../minimal/minimal-contract';
import { progressBar } from '../progress';
import type { PhaseReport } from '../report';
import { LatencySummary, summarize, throughput, ThroughputStats } from '../stats';
import { historyBreakdown, Span } from './history-breakdown';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../load/lifecycle-load';

/** Minimal workflows stay open this long (like referrals waiting on their deadline timers). */
const HOLD_MS = 30 * 60_000;

/** A timed run with the CPU it cost, per process group and in total. */
export interface MeasuredRun extends ThroughputStats {
  cpu: CpuShare;
  cpuMsPerOp: Record<string, number>;
}

export interface BareTemporalResults {
  start: MeasuredRun;
  updateWithStart: MeasuredRun;
  updateWithStartActivity: MeasuredRun;
  /** Where an update-with-start + activity spends its time, from sampled histories. */
  profile: Record<Span, LatencySummary>;
}

export interface BareContext {
  client: Client;
  taskQueue: string;
  runId: string;
  /** Processes to charge CPU to (the Temporal server, this process, ...). */
  cpuGroups: ProcessGroups;
}

const input = (activityPerUpdate: boolean): MinimalInput => ({ holdMs: HOLD_MS, activityPerUpdate });

function updateWithStart(context: BareContext, workflowId: string, activityPerUpdate: boolean): Promise<number> {
  return context.client.workflow.executeUpdateWithStart(bumpUpdate, {
    startWorkflowOperation: new WithStartWorkflowOperation(MINIMAL_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: context.taskQueue,
      args: [input(activityPerUpdate)],
      workflowIdConflictPolicy: 'FAIL',
    }),
  });
}

async function timed(
  context: BareContext,
  label: string,
  n: number,
  c: number,
  operation: (index: number) => Promise<void>,
): Promise<MeasuredRun> {
  const bar = progressBar(label, n);
  const window = startCpuWindow(context.cpuGroups);
  const run = await runPool(n, c, operation, (done) => bar.update(done));
  const cpu = window.stop();
  bar.finish();
  const stats = throughput(run);
  return { ...stats, cpu, cpuMsPerOp: cpuPerOperation(cpu, stats.ok) };
}

/** Phase 1: starts, update-with-starts, and update-with-starts whose handler runs one no-op activity. */
export async function benchBareTemporal(
  context: BareContext,
  n: number,
  c: number,
): Promise<{ results: BareTemporalResults; report: PhaseReport }> {
  const id = (kind: string, index: number) => `bench-${context.runId}-${kind}-${index}`;
  // A few warm-up calls so connection set-up and first bundle load are not in the figures.
  await Promise.all([0, 1, 2, 3].map((index) => updateWithStart(context, id('warmup', index), true)));
  const start = await timed(context, '1a bare start          ', n, c, async (index) => {
    await context.client.workflow.start(MINIMAL_WORKFLOW_TYPE, {
      workflowId: id('start', index),
      taskQueue: context.taskQueue,
      args: [input(false)],
    });
  });
  const uws = await timed(context, '1b bare update+start   ', n, c, async (index) => {
    await updateWithStart(context, id('uws', index), false);
  });
  const uwsActivity = await timed(context, '1c update+start+activity', n, c, async (index) => {
    await updateWithStart(context, id('uwsa', index), true);
  });
  const sample = Array.from({ length: Math.min(60, n) }, (_, index) =>
    id('uwsa', Math.floor((index * n) / Math.min(60, n))),
  );
  const profile = await historyBreakdown(context.client, sample);
  const results = { start, updateWithStart: uws, updateWithStartActivity: uwsActivity, profile };
  const rows = [
    ['start', start],
    ['update-with-start', uws],
    ['update-with-start + no-op activity', uwsActivity],
  ] as const;
  return {
    results,
    report: {
      phase: 1,
      title: `Bare Temporal: minimal workflow, in-process worker, N=${n}, C=${c}`,
      rows: rows.flatMap(([name, stats]) => [
        { metric: `${name}: throughput`, unit: '/s', ours: stats.perSecond },
        { metric: `${name}: p50`, unit: 'ms', ours: stats.latency.p50 },
        { metric: `${name}: p95`, unit: 'ms', ours: stats.latency.p95 },
        { metric: `${name}: p99`, unit: 'ms', ours: stats.latency.p99 },
        { metric: `${name}: machine CPU per op`, unit: 'ms', ours: stats.cpuMsPerOp['machine total'] },
      ]),
      notes: [
        'baseline figures for phases 2 and 3 (ratios there are ours / these); the bench process hosts the client and the worker',
        ...rows.map(([name, stats]) => `CPU, ${name}: ${describeCpu(stats.cpu)}`),
        ...rows
          .filter(([, stats]) => stats.errors > 0)
          .map(([name, stats]) => `${name}: ${stats.errors} errors, first: ${stats.firstError}`),
      ],
      data: results,
    },
  };
}

export type MinimalStage = LifecycleStage;

export interface MinimalLifecycle {
  stages: Record<MinimalStage, LatencySummary>;
  total: ThroughputStats;
}

/** Phase 3's baseline: per item one update-with-start and an Update per later stage on the minimal workflow. */
export async function minimalLifecycle(
  context: BareContext,
  n: number,
  c: number,
  activityPerUpdate: boolean,
): Promise<MinimalLifecycle> {
  const bar = progressBar(`3b minimal lifecycle${activityPerUpdate ? '+act' : '    '}`, n);
  const kind = activityPerUpdate ? 'lifea' : 'life';
  const [first, ...later] = LIFECYCLE_STAGES;
  const run = await runStagedPool<MinimalStage>(
    n,
    c,
    async (index, mark) => {
      const workflowId = `bench-${context.runId}-${kind}-${index}`;
      await updateWithStart(context, workflowId, activityPerUpdate);
      mark(first);
      const handle = context.client.workflow.getHandle(workflowId);
      for (const stage of later) {
        await handle.executeUpdate(bumpUpdate);
        mark(stage);
      }
    },
    (done) => bar.update(done),
  );
  bar.finish();
  return {
    stages: Object.fromEntries(
      LIFECYCLE_STAGES.map((stage) => [stage, summarize(run.stages[stage] ?? [])]),
    ) as MinimalLifecycle['stages'],
    total: throughput(run),
  };
}
