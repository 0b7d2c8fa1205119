import { runStagedPool } from '../concurrency';
import type { LoadJob, LoadResult } from './load-messages';
import {
  lroNaming,
  sioAllocation,
  TRIAGE_ACCEPT,
  URGENT_ADOPTION,
  urgentReferralSubmission,
  WORKED_EXAMPLE_ASSESSMENT,
} from './referral-payloads';

export const LIFECYCLE_STAGES = ['submit', 'triage', 'assess', 'decide', 'allocate', 'lro'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

async function post(url: string, token: string, body: unknown, expected: number): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Each referral: submit, triage ACCEPT, assess (worked example), adopted by the chair (out of meeting, as a
 * threat-to-life referral), SIO allocated, LRO named (the plan starts); stages timed one after another.
 */
export async function lifecycleLoad(
  job: Extract<LoadJob, { kind: 'lifecycle' }>,
  onProgress: (done: number) => void,
): Promise<LoadResult> {
  const run = await runStagedPool<LifecycleStage>(
    job.count,
    job.concurrency,
    async (index, mark) => {
      const { force, region, referrer, assessor, chair, manager } = job.pairs[index % job.pairs.length];
      const submitted = await post(`${job.apiUrl}/referrals`, referrer, urgentReferralSubmission(force), 201);
      mark('submit');
      const id = String(submitted.id);
      const step = async (path: string, token: string, body: unknown, expected: string, stage: LifecycleStage) => {
        const answered = await post(`${job.apiUrl}/referrals/${id}/${path}`, token, body, 200);
        if (answered.status !== expected) throw new Error(`${path} left ${id} in ${String(answered.status)}`);
        mark(stage);
      };
      await step('triage', assessor, TRIAGE_ACCEPT, 'ASSESSMENT', 'triage');
      await step('assessment', assessor, WORKED_EXAMPLE_ASSESSMENT, 'AWAITING_DECISION', 'assess');
      await step('urgent-decision', chair, URGENT_ADOPTION, 'ADOPTED', 'decide');
      await step('sio', manager, sioAllocation(region), 'SIO_ALLOCATED', 'allocate');
      await step('lro', referrer, lroNaming(force), 'ACTIVE', 'lro');
    },
    onProgress,
  );
  return {
    latencies: run.latencies,
    errors: run.errors,
    firstError: run.firstError,
    wallMs: run.wallMs,
    statuses: {},
    stages: run.stages,
  };
}
