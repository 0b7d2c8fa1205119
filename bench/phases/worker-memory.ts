import { randomUUID } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import { WithStartWorkflowOperation } from '@temporalio/client';
import {
  REFERRAL_WORKFLOW_TYPE,
  ReferralWorkflowInput,
  referralWorkflowId,
  submitReferralUpdate,
} from '@rocu/contracts';
import { Actor, DEFAULT_DEADLINE_POLICIES } from '@rocu/domain';
import { runPool } from '../concurrency';
import { referralSubmission } from '../load/referral-payloads';
import { residentMiB } from '../machine';
import { progressBar } from '../progress';
import type { PhaseReport } from '../report';
import { throughput } from '../stats';
import { FORCE_AND_ROCU } from './actors';
import type { BenchContext } from './context';

const SETTLE_MS = 10_000;
const MiB = 1024 * 1024;

/** The worker's default workflow cache size (Temporal SDK formula for reuseV8Context with this Node's heap limit). */
const defaultCacheSize = (): number =>
  Math.max(Math.floor((Math.max(getHeapStatistics().heap_size_limit / MiB - 200, 0) * 600) / 1024), 10);

function input(index: number): ReferralWorkflowInput {
  const { force, region } = FORCE_AND_ROCU[index % FORCE_AND_ROCU.length];
  const actor: Actor = {
    sub: `bench-referrer@${force.toLowerCase()}`,
    name: 'Bench referrer',
    roles: ['FORCE_REFERRER'],
    org: force,
    region,
  };
  const submission = referralSubmission();
  return {
    referralId: randomUUID(),
    submission,
    submittedBy: actor,
    ownerOrg: force,
    region,
    policy: DEFAULT_DEADLINE_POLICIES[submission.urgency],
  };
}

/**
 * Phase 5: opens memoryN referral workflows with update-with-start straight through the Temporal client
 * (as the API does, without HTTP), each waiting on its triage deadline timers; samples the worker's RSS.
 */
export async function benchWorkerMemory(context: BenchContext): Promise<PhaseReport> {
  const { stack, options } = context;
  const pid = stack.workerPid;
  if (pid === undefined) {
    return {
      phase: 5,
      title: 'Worker memory',
      rows: [],
      notes: ['skipped: the worker pid is unknown (set WORKER_PID with API_URL)'],
      data: null,
    };
  }
  const before = await residentMiB(pid);
  let peak = before;
  const sampler = setInterval(() => {
    residentMiB(pid).then(
      (rss) => (peak = Math.max(peak, rss)),
      () => undefined,
    );
  }, 500);
  const bar = progressBar('5 open referral wfs    ', options.memoryN);
  const step = Math.max(1, Math.floor(options.memoryN / 10));
  const curve: string[] = [];
  const run = await runPool(
    options.memoryN,
    options.concurrency,
    async (index) => {
      const workflowInput = input(index);
      await context.client.workflow.executeUpdateWithStart(submitReferralUpdate, {
        args: [{ actor: workflowInput.submittedBy, correlationId: `bench-memory-${index}` }],
        startWorkflowOperation: new WithStartWorkflowOperation(REFERRAL_WORKFLOW_TYPE, {
          workflowId: referralWorkflowId(workflowInput.referralId),
          taskQueue: stack.taskQueue,
          args: [workflowInput],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    },
    (done) => {
      bar.update(done);
      if (done % step === 0)
        void residentMiB(pid).then(
          (rss) => curve.push(`${done}: ${Math.round(rss)}`),
          () => undefined,
        );
    },
  );
  bar.finish();
  const loaded = await residentMiB(pid);
  await new Promise((wake) => setTimeout(wake, SETTLE_MS));
  clearInterval(sampler);
  const settled = await residentMiB(pid);
  peak = Math.max(peak, settled);
  let running: number | undefined;
  try {
    running = (await context.client.workflow.count(`TaskQueue = '${stack.taskQueue}' AND ExecutionStatus = 'Running'`))
      .count;
  } catch {
    running = undefined;
  }
  const stats = throughput(run);
  const cache = defaultCacheSize();
  const perWorkflowKiB = ((settled - before) * 1024) / Math.max(1, stats.ok);
  return {
    phase: 5,
    title: `Worker memory: ${options.memoryN} referral workflows opened (update-with-start via the client), waiting on timers`,
    rows: [
      { metric: 'worker RSS before', unit: 'MiB', ours: before },
      { metric: 'worker RSS right after the last start', unit: 'MiB', ours: loaded },
      { metric: `worker RSS after ${SETTLE_MS / 1000} s idle`, unit: 'MiB', ours: settled },
      { metric: 'worker RSS peak (sampled every 0.5 s)', unit: 'MiB', ours: peak },
      { metric: 'RSS growth per opened workflow', unit: 'KiB', ours: perWorkflowKiB },
      { metric: 'opening rate (incl. projection)', unit: '/s', ours: stats.perSecond },
      { metric: 'open-workflow p95 latency', unit: 'ms', ours: stats.latency.p95 },
    ],
    notes: [
      `RSS (MiB) by workflows opened: ${curve.join(', ')}`,
      `${stats.ok} opened, ${stats.errors} failed${stats.firstError ? ` (first: ${stats.firstError})` : ''}; running workflows on the task queue: ${running ?? 'unknown'} (includes phases 2-3)`,
      `the projection activity (referral row, nominals, history, deadlines, de-confliction, outbox, audit) ran for each: the worker did real work, not just hold timers`,
      `default sticky cache: maxCachedWorkflows ~= ${cache} (SDK formula from the ${Math.round(getHeapStatistics().heap_size_limit / MiB)} MiB heap limit); beyond it workflows are evicted and replayed on their next task, so RSS is bounded by the cache, not by the number of open workflows`,
    ],
    data: { before, loaded, settled, peak, perWorkflowKiB, curve, stats, running, cache },
  };
}
