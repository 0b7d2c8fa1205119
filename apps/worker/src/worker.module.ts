import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, AppConfigModule } from '@rocu/config';
import { errorSerializers, traceLogFields } from '@rocu/observability';
import { appDatabaseModule } from '@rocu/persistence';
import { ReferralProjectionActivities } from './activities/referral-projection.activities';
import { MeetingProjectionActivities } from './activities/meeting-projection.activities';
import { PlanProjectionActivities } from './activities/plan-projection.activities';
import { AuditSealerActivities } from './activities/audit-sealer.activities';
import { IdempotencyRetentionActivities } from './activities/idempotency-retention.activities';
import { WorkflowClientService } from './workflow-client.service';
import { MeetingSchedulesService } from './meeting-schedules.service';
import { TemporalWorkerService } from './temporal-worker.service';
import { CoreMetrics } from './observability/core-metrics';
import { WorkerOpsService } from './observability/worker-ops.service';
import { MailTransportService } from './notifications/mail-transport.service';
import { NotificationDeliveryActivities } from './notifications/notification-delivery.activities';
import { StandingWorkflowsService } from './standing-workflows.service';

/** The worker's log lines carry their trace's ids; errors leave out the values a failed statement was given. */
const workerLogging = (config: AppConfig) => ({
  pinoHttp: { level: config.LOG_LEVEL, mixin: traceLogFields(true), serializers: errorSerializers },
});

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: workerLogging }),
    appDatabaseModule(),
  ],
  providers: [
    ReferralProjectionActivities,
    MeetingProjectionActivities,
    PlanProjectionActivities,
    AuditSealerActivities,
    IdempotencyRetentionActivities,
    MailTransportService,
    NotificationDeliveryActivities,
    WorkflowClientService,
    TemporalWorkerService,
    MeetingSchedulesService,
    { provide: CoreMetrics, inject: [AppConfig], useFactory: (config: AppConfig) => CoreMetrics.install(config) },
    WorkerOpsService,
    StandingWorkflowsService,
  ],
})
export class WorkerModule {}
