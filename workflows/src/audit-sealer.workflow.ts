import { proxyActivities } from '@temporalio/workflow';
import type { AuditSealerInput, AuditSealingActivities } from '@rocu/contracts';
import { everyInterval } from './workflow-support';

// A batch takes a second or two; a worker that dies mid-batch delays sealing by at most this timeout.
const { sealAuditBatch } = proxyActivities<AuditSealingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
});

/**
 * The audit log's single sealer: every interval it chains and signs the rows appended since the last seal,
 * and straight away again while a backlog remains.
 */
export async function auditSealerWorkflow(input: AuditSealerInput): Promise<void> {
  await everyInterval(input, async () => (await sealAuditBatch()).complete);
}
