import {
  ActivityFailure,
  continueAsNew,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  notificationDeliveryWorkflowId,
  notificationSettingsSignal,
  PERMANENT_DELIVERY_FAILURES,
  type NotificationActivities,
  type NotificationDeliveryInput,
  type NotificationDispatchSettings,
} from '@rocu/contracts';

/** Rows handed over per sweep; a full batch sweeps again at once instead of waiting. */
const BATCH = 50;

/** The sweep restarts its history (continue-as-new) well before Temporal's limit. */
const HISTORY_LIMIT = 5_000;

const { claimNotifications } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '30 seconds' },
});

const { recordDeliveryFailure } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

/**
 * E-mails one outbox row: Temporal retries the send with the configured backoff (a worker lost mid-send is
 * retried once the attempt times out; the row's stable Message-ID marks a resend as the same message), and
 * when the retries run out or the failure is permanent the row is marked FAILED with the reason.
 */
export async function notificationDeliveryWorkflow(input: NotificationDeliveryInput): Promise<void> {
  const { policy } = input;
  const { deliverNotification } = proxyActivities<NotificationActivities>({
    startToCloseTimeout: policy.sendTimeoutMs,
    retry: {
      initialInterval: policy.initialIntervalMs,
      backoffCoefficient: policy.backoffCoefficient,
      maximumInterval: policy.maximumIntervalMs,
      maximumAttempts: policy.maximumAttempts,
      nonRetryableErrorTypes: PERMANENT_DELIVERY_FAILURES,
    },
  });
  try {
    await deliverNotification(input.notificationId);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const reason = error.cause?.message || error.message || 'delivery failed';
    await recordDeliveryFailure({ notificationId: input.notificationId, reason });
  }
}

/**
 * The outbox sweep (one per task queue): on a durable timer it claims pending rows (`FOR UPDATE SKIP
 * LOCKED`) and starts each one's delivery workflow, abandoned so it outlives the sweep's runs. Starting is
 * idempotent by workflow id, so a row handed over twice is delivered by one workflow.
 */
export async function notificationDispatchWorkflow(input: NotificationDispatchSettings): Promise<void> {
  let settings = input;
  setHandler(notificationSettingsSignal, (next) => {
    settings = next;
  });
  while (workflowInfo().historyLength < HISTORY_LIMIT && !workflowInfo().continueAsNewSuggested) {
    const ids = await claimNotifications(BATCH);
    await Promise.all(
      ids.map(async (notificationId) => {
        try {
          await startChild(notificationDeliveryWorkflow, {
            workflowId: notificationDeliveryWorkflowId(settings.taskQueue, notificationId),
            parentClosePolicy: ParentClosePolicy.ABANDON,
            args: [{ notificationId, policy: settings.policy }],
          });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
      }),
    );
    if (ids.length < BATCH) await sleep(settings.sweepIntervalMs);
  }
  await continueAsNew<typeof notificationDispatchWorkflow>(settings);
}
