import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, AppConfigModule } from '@rocu/config';
import { appDatabaseModule } from '@rocu/persistence';
import { ReferralProjectionActivities } from './activities/referral-projection.activities';
import { MeetingProjectionActivities } from './activities/meeting-projection.activities';
import { PlanProjectionActivities } from './activities/plan-projection.activities';
import { WorkflowClientService } from './workflow-client.service';
import { MeetingSchedulesService } from './meeting-schedules.service';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.LOG_LEVEL } }),
    }),
    appDatabaseModule(),
  ],
  providers: [
    ReferralProjectionActivities,
    MeetingProjectionActivities,
    PlanProjectionActivities,
    WorkflowClientService,
    TemporalWorkerService,
    MeetingSchedulesService,
  ],
})
export class WorkerModule {}
