import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { AuditSealerInput, AuditSealingActivities } from '@rocu/contracts';

// A batch takes a second or two; a worker that dies mid-batch delays sealing by at most this timeout.
const { sealAuditBatch } = proxyActivities<AuditSealingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
});

/** Rounds before the history is restarted (continue-as-new keeps it bounded). */
const ROUNDS_PER_RUN = 500;

/**
 * The audit log's single sealer: every interval it chains and signs the rows appended since the last seal,
 * and straight away again while a backlog remains. Runs for the life of the deployment (started by the worker).
 */
export async function auditSealerWorkflow(input: AuditSealerInput): Promise<void> {
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    const outcome = await sealAuditBatch();
    if (outcome.complete) await sleep(input.intervalMs);
  }
  await continueAsNew<typeof auditSealerWorkflow>(input);
}
