import { proxyActivities } from '@temporalio/workflow';
import type { IdempotencyRetentionActivities, IdempotencyRetentionInput } from '@rocu/contracts';
import { everyInterval } from './workflow-support';

// Deleting a large expired backlog is done in batches within one run of the activity.
const { pruneIdempotencyKeys } = proxyActivities<IdempotencyRetentionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Forgets Idempotency-Keys once their retention has passed, every interval, so `idempotency_keys` holds a
 * window of keys rather than every key ever sent.
 */
export async function idempotencyRetentionWorkflow(input: IdempotencyRetentionInput): Promise<void> {
  await everyInterval(input, async () => {
    await pruneIdempotencyKeys(input.retentionMs);
    return true;
  });
}
