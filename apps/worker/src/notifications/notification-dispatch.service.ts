import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@rocu/config';
import {
  NOTIFICATION_DISPATCH_WORKFLOW_TYPE,
  notificationDispatchWorkflowId,
  notificationSettingsSignal,
  type NotificationDispatchSettings,
} from '@rocu/contracts';
import { WorkflowClientService } from '../workflow-client.service';

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

/**
 * With SMTP configured, keeps the outbox sweep running (started if absent, else sent the current settings);
 * without SMTP nothing is e-mailed and notifications stay in the inbox only.
 */
@Injectable()
export class NotificationDispatchService implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationDispatchService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly workflows: WorkflowClientService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SMTP_URL) {
      this.logger.log('SMTP_URL is not set: notifications are not e-mailed');
      return;
    }
    const settings = dispatchSettings(this.config);
    await this.workflows.client.workflow.signalWithStart(NOTIFICATION_DISPATCH_WORKFLOW_TYPE, {
      workflowId: notificationDispatchWorkflowId(this.config.TEMPORAL_TASK_QUEUE),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [settings],
      signal: notificationSettingsSignal,
      signalArgs: [settings],
    });
    this.logger.log('Notification e-mail delivery running');
  }
}
