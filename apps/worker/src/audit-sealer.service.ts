import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@rocu/config';
import { AUDIT_SEALER_WORKFLOW_TYPE, auditSealerWorkflowId, type AuditSealerInput } from '@rocu/contracts';
import { WorkflowClientService } from './workflow-client.service';

/** Makes sure the deployment's audit sealer workflow is running (one per task queue; a running one is kept). */
@Injectable()
export class AuditSealerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditSealerService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly workflows: WorkflowClientService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const input: AuditSealerInput = { intervalMs: this.config.AUDIT_SEAL_INTERVAL_MS };
    await this.workflows.client.workflow.start(AUDIT_SEALER_WORKFLOW_TYPE, {
      workflowId: auditSealerWorkflowId(this.config.TEMPORAL_TASK_QUEUE),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    this.logger.log(`Audit sealer running every ${input.intervalMs} ms`);
  }
}
