import { runLoad } from '../load/run-load';
import { latencyRows, type PhaseReport, type Row } from '../report';
import { summarize, throughput } from '../stats';
import { actorPairs } from './actors';
import { LIFECYCLE_STAGES as STAGES } from '../load/lifecycle-load';
import { MinimalLifecycle, minimalLifecycle, MinimalStage } from './bare-temporal';
import type { BenchContext } from './context';

const STAGE_NAMES: Record<MinimalStage, string> = {
  submit: 'submit',
  triage: 'triage ACCEPT',
  assess: 'assessment',
  decide: 'adoption (chair, out of meeting)',
  allocate: 'SIO allocation',
  lro: 'LRO named (plan starts)',
};

/** Phase 3: N referrals from submission to a running 4P plan, against as many Updates on the minimal workflow. */
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
  const pairs = await actorPairs(stack.apiUrl);
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
    ...STAGES.flatMap((stage) => latencyRows((p) => `${STAGE_NAMES[stage]}: ${p}`, stages[stage], bare?.stages[stage])),
    ...latencyRows((p) => `total (${STAGES.length} steps): ${p}`, total.latency, bare?.total.latency),
    { metric: 'lifecycles per second', unit: '/s', ours: total.perSecond, baseline: bare?.total.perSecond },
    ...latencyRows(
      (p) => `total ${p} vs minimal + no-op activity per Update`,
      total.latency,
      bareWithActivity?.total.latency,
    ),
  ];
  return {
    phase: 3,
    title: `Lifecycle: submit -> triage -> assessment -> adoption -> SIO -> LRO over HTTP, N=${n}, C=${c} (baseline: update-with-start + ${STAGES.length - 1} Updates)`,
    rows,
    notes: [
      "the adoption is the chair's out-of-meeting decision on a threat-to-life referral (a meeting decision is the same Update sent by the meeting workflow)",
      'naming the LRO also starts the 4P plan as a child workflow before answering',
      `${total.ok} lifecycles completed, ${total.errors} failed${total.firstError ? ` (first: ${total.firstError})` : ''}`,
      'each HTTP step also does a visibility lookup in Postgres and the projection activity before answering',
    ],
    data: { stages, total, bare, bareWithActivity },
  };
}
