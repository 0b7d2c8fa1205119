import { runStagedPool } from '../concurrency';
import type { LoadJob, LoadResult } from './load-messages';
import { referralSubmission, TRIAGE_ACCEPT, WORKED_EXAMPLE_ASSESSMENT } from './referral-payloads';

export type LifecycleStage = 'submit' | 'triage' | 'assess';

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

/** Each referral: submit, triage ACCEPT, assess (worked example); stages timed one after another. */
export async function lifecycleLoad(
  job: Extract<LoadJob, { kind: 'lifecycle' }>,
  onProgress: (done: number) => void,
): Promise<LoadResult> {
  const run = await runStagedPool<LifecycleStage>(
    job.count,
    job.concurrency,
    async (index, mark) => {
      const { referrer, assessor } = job.pairs[index % job.pairs.length];
      const submitted = await post(`${job.apiUrl}/referrals`, referrer, referralSubmission(), 201);
      mark('submit');
      const id = String(submitted.id);
      const triaged = await post(`${job.apiUrl}/referrals/${id}/triage`, assessor, TRIAGE_ACCEPT, 200);
      if (triaged.status !== 'ASSESSMENT') throw new Error(`triage left ${id} in ${String(triaged.status)}`);
      mark('triage');
      const assessed = await post(`${job.apiUrl}/referrals/${id}/assessment`, assessor, WORKED_EXAMPLE_ASSESSMENT, 200);
      if (assessed.status !== 'AWAITING_DECISION')
        throw new Error(`assessment left ${id} in ${String(assessed.status)}`);
      mark('assess');
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
