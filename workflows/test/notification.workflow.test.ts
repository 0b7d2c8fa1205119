import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import {
  notificationDeliveryWorkflowId,
  notificationDispatchWorkflowId,
  NOTIFICATION_DISPATCH_WORKFLOW_TYPE,
  type NotificationActivities,
  type NotificationDispatchSettings,
} from '@rocu/contracts';
import { recordHistory } from './support/histories';
import { eventually } from './support/waiting';
import { startWorkflowTestHarness, WorkflowTestHarness } from './support/workflow-test-harness';

const TASK_QUEUE = `notification-test-${randomUUID()}`;
const SETTINGS: NotificationDispatchSettings = {
  taskQueue: TASK_QUEUE,
  sweepIntervalMs: 200,
  policy: {
    sendTimeoutMs: 5_000,
    initialIntervalMs: 100,
    backoffCoefficient: 2,
    maximumIntervalMs: 400,
    maximumAttempts: 3,
  },
};

/**
 * The outbox sweep and the delivery workflow on the real dev server with in-memory activities: rows claimed
 * once are each delivered by their own workflow; a send that keeps failing is retried by the policy and then
 * recorded as failed; a permanent refusal is not retried. With RECORD_HISTORIES=1 the histories are kept.
 */
describe('notification workflows', () => {
  const taskQueue = TASK_QUEUE;
  const pending = ['1', '2', '3'];
  const attempts = new Map<string, number>();
  const sent: string[] = [];
  const failures: { notificationId: string; reason: string }[] = [];
  const activities: NotificationActivities = {
    claimNotifications: async (limit) => pending.splice(0, limit),
    deliverNotification: async (id) => {
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      if (id === '2') throw new Error('451 4.3.0 Try again later');
      if (id === '3') {
        throw ApplicationFailure.create({
          type: 'SMTP_REJECTED',
          message: '550 Mailbox unavailable',
          nonRetryable: true,
        });
      }
      sent.push(id);
    },
    recordDeliveryFailure: async (failure) => {
      failures.push(failure);
    },
  };
  let harness: WorkflowTestHarness;

  beforeAll(async () => {
    harness = await startWorkflowTestHarness(taskQueue, activities);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('delivers each claimed row once, retries a failing send by the policy, and records what failed', async () => {
    const dispatch = await harness.client.workflow.start(NOTIFICATION_DISPATCH_WORKFLOW_TYPE, {
      workflowId: notificationDispatchWorkflowId(taskQueue),
      taskQueue,
      args: [SETTINGS],
    });
    await eventually(
      () => failures.length,
      (count) => count === 2,
      'two failures recorded',
    );
    expect(sent).toEqual(['1']);
    expect(attempts).toEqual(
      new Map([
        ['1', 1],
        ['2', 3],
        ['3', 1],
      ]),
    );
    expect(failures.sort((a, b) => a.notificationId.localeCompare(b.notificationId))).toEqual([
      { notificationId: '2', reason: '451 4.3.0 Try again later' },
      { notificationId: '3', reason: '550 Mailbox unavailable' },
    ]);

    for (const id of ['1', '2']) {
      const delivery = harness.client.workflow.getHandle(notificationDeliveryWorkflowId(taskQueue, id));
      await delivery.result();
      await recordHistory(`notification-delivery-${id === '1' ? 'sent' : 'failed'}`, delivery);
    }
    // The sweep keeps sweeping on its timer (kept in the recorded history).
    await eventually(
      async () => (await dispatch.fetchHistory()).events?.length ?? 0,
      (length) => length > 40,
      'a few more sweeps',
    );
    expect(sent).toEqual(['1']);
    await dispatch.terminate('test over');
    await recordHistory('notification-dispatch', dispatch);
  });
});
