import type { AppConfig } from '@rocu/config';
import type { NotificationDispatchSettings } from '@rocu/contracts';

/** The sweep's settings from the configuration: how often to sweep and Temporal's retry policy for sending. */
export function dispatchSettings(config: AppConfig): NotificationDispatchSettings {
  return {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    sweepIntervalMs: config.NOTIFY_SWEEP_INTERVAL_MS,
    policy: {
      sendTimeoutMs: config.NOTIFY_SEND_TIMEOUT_MS,
      initialIntervalMs: config.NOTIFY_RETRY_INITIAL_INTERVAL_MS,
      backoffCoefficient: config.NOTIFY_RETRY_BACKOFF_COEFFICIENT,
      maximumIntervalMs: config.NOTIFY_RETRY_MAXIMUM_INTERVAL_MS,
      maximumAttempts: config.NOTIFY_RETRY_MAXIMUM_ATTEMPTS,
    },
  };
}
