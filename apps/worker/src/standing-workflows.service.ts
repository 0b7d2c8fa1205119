import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@rocu/config';
import {
  AUDIT_SEALER_WORKFLOW_TYPE,
  auditSealerWorkflowId,
  IDEMPOTENCY_RETENTION_WORKFLOW_TYPE,
  idempotencyRetentionWorkflowId,
  type IdempotencyRetentionInput,
  NOTIFICATION_DISPATCH_WORKFLOW_TYPE,
  notificationDispatchWorkflowId,
  notificationSettingsSignal,
  type AuditSealerInput,
} from '@rocu/contracts';
import { dispatchSettings } from './notifications/notification-dispatch';
import { WorkflowClientService } from './workflow-client.service';

/**
 * Makes sure the deployment's standing workflows run (one of each per task queue): the audit sealer (a running
 * one is kept), the Idempotency-Key retention (restarted, so it runs with the current settings) and, with SMTP
 * configured, the outbox sweep (started if absent, else sent the current settings);
 * without SMTP nothing is e-mailed and notifications stay in the inbox only.
 */
@Injectable()
export class StandingWorkflowsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StandingWorkflowsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly workflows: WorkflowClientService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Independent of each other, as when each had its own bootstrap hook.
    await Promise.all([this.startAuditSealer(), this.startKeyRetention(), this.startNotificationDispatch()]);
  }

  private async startAuditSealer(): Promise<void> {
    const input: AuditSealerInput = { intervalMs: this.config.AUDIT_SEAL_INTERVAL_MS };
    await this.workflows.client.workflow.start(AUDIT_SEALER_WORKFLOW_TYPE, {
      workflowId: auditSealerWorkflowId(this.config.TEMPORAL_TASK_QUEUE),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    this.logger.log(`Audit sealer running every ${input.intervalMs} ms`);
  }

  /** It keeps no state: a run with older settings is simply replaced. */
  private async startKeyRetention(): Promise<void> {
    const input: IdempotencyRetentionInput = {
      retentionMs: this.config.IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000,
      intervalMs: this.config.IDEMPOTENCY_KEY_PRUNE_INTERVAL_MS,
    };
    await this.workflows.client.workflow.start(IDEMPOTENCY_RETENTION_WORKFLOW_TYPE, {
      workflowId: idempotencyRetentionWorkflowId(this.config.TEMPORAL_TASK_QUEUE),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    });
    this.logger.log(`Idempotency-Keys kept ${this.config.IDEMPOTENCY_KEY_RETENTION_HOURS} hours`);
  }

  private async startNotificationDispatch(): Promise<void> {
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
