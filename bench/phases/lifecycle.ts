import { runLoad } from '../load/run-load';
import type { PhaseReport, Row } from '../report';
import { summarize, throughput } from '../stats';
import { actorPairs } from './actors';
import { MinimalLifecycle, minimalLifecycle, MinimalStage } from './bare-temporal';
import type { BenchContext } from './context';

const STAGES: readonly MinimalStage[] = ['submit', 'triage', 'assess'];
const STAGE_NAMES: Record<MinimalStage, string> = { submit: 'submit', triage: 'triage ACCEPT', assess: 'assessment' };

/** Phase 3: N referrals through submit -> triage ACCEPT -> assessment, against 3 Updates on the minimal workflow. */
export async function benchLifecycle(context: BenchContext): Promise<PhaseReport> {
  const { stack, options } = context;
  const n = options.lifecycleN;
  const c = options.concurrency;
  let bare: MinimalLifecycle | undefined;
  let bareWithActivity: MinimalLifecycle | undefined;
  if (context.bare) {
    bare = await minimalLifecycle(context.bare, n, c, false);
    bareWithActivity = await minimalLifecycle(context.bare, n, c, true);
  }
  const pairs = (await actorPairs(stack.apiUrl)).map(({ referrer, assessor }) => ({ referrer, assessor }));
  const result = await runLoad('3 referral lifecycle   ', {
    kind: 'lifecycle',
    apiUrl: stack.apiUrl,
    pairs,
    count: n,
    concurrency: c,
  });
  const total = throughput(result);
  const stages = Object.fromEntries(
    STAGES.map((stage) => [stage, summarize(result.stages?.[stage] ?? [])]),
  ) as MinimalLifecycle['stages'];

  const rows: Row[] = [
    ...STAGES.flatMap((stage): Row[] => [
      { metric: `${STAGE_NAMES[stage]}: p50`, unit: 'ms', ours: stages[stage].p50, baseline: bare?.stages[stage].p50 },
      { metric: `${STAGE_NAMES[stage]}: p95`, unit: 'ms', ours: stages[stage].p95, baseline: bare?.stages[stage].p95 },
    ]),
    { metric: 'total (3 steps): p50', unit: 'ms', ours: total.latency.p50, baseline: bare?.total.latency.p50 },
    { metric: 'total (3 steps): p95', unit: 'ms', ours: total.latency.p95, baseline: bare?.total.latency.p95 },
    { metric: 'lifecycles per second', unit: '/s', ours: total.perSecond, baseline: bare?.total.perSecond },
    {
      metric: 'total p50 vs minimal + no-op activity per Update',
      unit: 'ms',
      ours: total.latency.p50,
      baseline: bareWithActivity?.total.latency.p50,
    },
    {
      metric: 'total p95 vs minimal + no-op activity per Update',
      unit: 'ms',
      ours: total.latency.p95,
      baseline: bareWithActivity?.total.latency.p95,
    },
  ];
  return {
    phase: 3,
    title: `Lifecycle: submit -> triage ACCEPT -> assessment over HTTP, N=${n}, C=${c} (baseline: update-with-start + 2 Updates)`,
    rows,
    notes: [
      'meeting decision (TTCG) and SIO allocation do not exist yet (no endpoints, no workflow stages): not measured',
      `${total.ok} lifecycles completed, ${total.errors} failed${total.firstError ? ` (first: ${total.firstError})` : ''}`,
      'each HTTP step also does a visibility lookup in Postgres and the projection activity before answering',
    ],
    data: { stages, total, bare, bareWithActivity },
  };
}
