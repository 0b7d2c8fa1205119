import {
  AUDIT_SEALER_WORKFLOW_TYPE,
  auditSealerWorkflowId,
  type AuditSealerInput,
  type AuditSealOutcome,
} from '@rocu/contracts';
import { recordHistory } from './support/histories';
import { startWorkflowTestHarness, WorkflowTestHarness } from './support/workflow-test-harness';
import { eventually } from './support/waiting';

/*
 * auditSealerWorkflow against the real dev server with a fake seal activity (the sealing itself is tested
 * against Postgres in test/audit.e2e.ts); with RECORD_HISTORIES=1 its run is recorded for the replay test.
 */

const RUN = `${Date.now().toString(36)}-${process.pid}`;
const TASK_QUEUE = `audit-sealer-test-${RUN}`;

/** What the fake activity answers, in turn: a backlog first (an incomplete batch), then caught up. */
const outcomes: AuditSealOutcome[] = [
  { rows: 5000, complete: false },
  { rows: 3, complete: true },
];
let calls = 0;
let harness: WorkflowTestHarness | undefined;

beforeAll(async () => {
  harness = await startWorkflowTestHarness(TASK_QUEUE, {
    sealAuditBatch: async (): Promise<AuditSealOutcome> => outcomes[calls++] ?? { rows: 0, complete: true },
  });
});

afterAll(async () => {
  await harness?.close();
});

it('seals again and again for the life of the deployment, through a backlog and while idle', async () => {
  if (!harness) throw new Error('no harness');
  const input: AuditSealerInput = { intervalMs: 200 };
  const handle = await harness.client.workflow.start(AUDIT_SEALER_WORKFLOW_TYPE, {
    workflowId: auditSealerWorkflowId(RUN),
    taskQueue: TASK_QUEUE,
    args: [input],
  });
  await eventually(
    () => calls,
    (count) => count >= 4,
    'four seal runs',
  );
  const history = await handle.fetchHistory();
  const timers = history.events?.filter((event) => event.timerStartedEventAttributes) ?? [];
  // No wait after the incomplete batch: the first timer comes after the second run.
  const firstTimer = history.events?.findIndex((event) => event.timerStartedEventAttributes) ?? -1;
  const completedBefore = history.events
    ?.slice(0, firstTimer)
    .filter((event) => event.activityTaskCompletedEventAttributes).length;
  expect(completedBefore).toBe(2);
  expect(timers.length).toBeGreaterThanOrEqual(2);
  await handle.terminate('audit sealer test finished');
  await recordHistory('audit-sealer', handle);
});
