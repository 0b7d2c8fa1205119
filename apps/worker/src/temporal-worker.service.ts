import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { NativeConnection, State, Worker } from '@temporalio/worker';
import { AppConfig } from '@rocu/config';
import { tracing } from '@rocu/observability';
import { ReferralProjectionActivities } from './activities/referral-projection.activities';
import { MeetingProjectionActivities } from './activities/meeting-projection.activities';
import { PlanProjectionActivities } from './activities/plan-projection.activities';
import { CoreMetrics } from './observability/core-metrics';
import { slaMetricsInterceptor } from './observability/sla-metrics.interceptor';
import { tracingActivityInterceptor } from './observability/tracing-interceptors';
import { AuditSealerActivities } from './activities/audit-sealer.activities';
import { IdempotencyRetentionActivities } from './activities/idempotency-retention.activities';
import { NotificationDeliveryActivities } from './notifications/notification-delivery.activities';
import { workerActivities } from './worker-activities';
import { workflowSource } from './workflow-source';

/**
 * Hosts the Temporal worker inside the Nest application context. `run()` is awaited and watched: if the
 * worker dies the process exits non-zero so a supervisor restarts it; SIGTERM drains it cleanly, before
 * anything else shuts down (activities still running need the database).
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly referralActivities: ReferralProjectionActivities,
    private readonly meetingActivities: MeetingProjectionActivities,
    private readonly planActivities: PlanProjectionActivities,
    // Injected so the SDK runtime (logging, core metrics) is installed before the connection below.
    _runtime: CoreMetrics,
    private readonly auditSealerActivities: AuditSealerActivities,
    private readonly notificationActivities: NotificationDeliveryActivities,
    private readonly retentionActivities: IdempotencyRetentionActivities,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    const { workflowModules, ...workflows } = workflowSource(this.config.WORKFLOW_BUNDLE_PATH);
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      ...workflows,
      activities: workerActivities(
        this.referralActivities,
        this.meetingActivities,
        this.planActivities,
        this.auditSealerActivities,
        this.notificationActivities,
        this.retentionActivities,
      ),
      maxCachedWorkflows: this.config.WORKER_MAX_CACHED_WORKFLOWS,
      shutdownGraceTime: this.config.SHUTDOWN_GRACE_MS,
      interceptors: { activity: [tracingActivityInterceptor, slaMetricsInterceptor], workflowModules },
    });
    this.running = this.worker.run();
    this.running.then(
      () => this.logger.log('Temporal worker stopped'),
      (error: unknown) => {
        this.logger.error({ err: error }, 'Temporal worker failed');
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      },
    );
    this.logger.log(`Temporal worker polling task queue ${this.config.TEMPORAL_TASK_QUEUE}`);
  }

  /** The worker's state (INITIALIZED before it runs), for the health probes. */
  state(): State {
    return this.worker?.getState() ?? 'INITIALIZED';
  }

  /** Resolves when the Temporal frontend answers its health check on the worker's connection. */
  async checkTemporal(): Promise<void> {
    if (!this.connection) throw new Error('not connected');
    await this.connection.healthService.check({});
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.connection?.close(), tracing().flush()]);
  }
}
