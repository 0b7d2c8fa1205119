import {
  IDEMPOTENCY_RETENTION_WORKFLOW_TYPE,
  idempotencyRetentionWorkflowId,
  type IdempotencyRetentionInput,
} from '@rocu/contracts';
import { tsToMs } from '@temporalio/common/lib/time';
import { recordHistory } from './support/histories';
import { startWorkflowTestHarness, WorkflowTestHarness } from './support/workflow-test-harness';
import { eventually } from './support/waiting';

/*
 * idempotencyRetentionWorkflow against the real dev server with a fake prune activity (the deletion itself is
 * tested against Postgres in test/referral-input-and-access.e2e.ts); with RECORD_HISTORIES=1 its run is recorded
 * for the replay test.
 */

const RUN = `${Date.now().toString(36)}-${process.pid}`;
const TASK_QUEUE = `idempotency-retention-test-${RUN}`;

const asked: number[] = [];
let harness: WorkflowTestHarness | undefined;

beforeAll(async () => {
  harness = await startWorkflowTestHarness(TASK_QUEUE, {
    pruneIdempotencyKeys: async (retentionMs: number): Promise<number> => asked.push(retentionMs),
  });
});

afterAll(async () => {
  await harness?.close();
});

it('prunes keys past their retention every interval, for the life of the deployment', async () => {
  if (!harness) throw new Error('no harness');
  const input: IdempotencyRetentionInput = { retentionMs: 7 * 86_400_000, intervalMs: 200 };
  const handle = await harness.client.workflow.start(IDEMPOTENCY_RETENTION_WORKFLOW_TYPE, {
    workflowId: idempotencyRetentionWorkflowId(RUN),
    taskQueue: TASK_QUEUE,
    args: [input],
  });
  await eventually(
    () => asked.length,
    (count) => count >= 3,
    'three prune runs',
  );
  expect(new Set(asked)).toEqual(new Set([input.retentionMs]));
  // A wait of the interval between runs: one timer after each prune so far.
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const kinds = events
    .filter((event) => event.activityTaskScheduledEventAttributes || event.timerStartedEventAttributes)
    .map((event) => (event.timerStartedEventAttributes ? 'wait' : 'prune'));
  expect(kinds.slice(0, 5)).toEqual(['prune', 'wait', 'prune', 'wait', 'prune']);
  const timer = events.find((event) => event.timerStartedEventAttributes)?.timerStartedEventAttributes;
  expect(tsToMs(timer?.startToFireTimeout)).toBe(input.intervalMs);
  await handle.terminate('retention test finished');
  await recordHistory('idempotency-retention', handle);
});
