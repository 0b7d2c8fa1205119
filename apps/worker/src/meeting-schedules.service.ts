import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, meetingSettingsOf } from '@rocu/config';
import { cadencePolicyOf, RegionSettings } from '@rocu/domain';
import {
  MEETING_SCHEDULE_WORKFLOW_TYPE,
  meetingScheduleWorkflowId,
  type MeetingRecurrence,
  type MeetingScheduleInput,
} from '@rocu/contracts';
import { WorkflowClientService } from './workflow-client.service';

const MEETINGS_AHEAD = 2;

/**
 * Makes sure every region with a ROCU has its TTCG schedule running (idempotent: an existing schedule is
 * left as it is). The calendar (cadence, weekday, time, paper cut-off) comes from the current version of
 * the region's settings.
 */
@Injectable()
export class MeetingSchedulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MeetingSchedulesService.name);

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: WorkflowClientService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.MEETING_SCHEDULES) return;
    const regions = await this.dataSource.query<{ code: string; settings: RegionSettings }[]>(
      `SELECT DISTINCT ON (s.region) s.region AS code, s.settings
         FROM region_settings s JOIN regions r ON r.code = s.region
        WHERE r.has_rocu ORDER BY s.region, s.version DESC`,
    );
    for (const region of regions) {
      const input: MeetingScheduleInput = {
        region: region.code,
        type: 'TTCG',
        recurrence: this.recurrence(region.settings),
        horizon: MEETINGS_AHEAD,
        settings: meetingSettingsOf(this.config),
      };
      await this.workflows.client.workflow.start(MEETING_SCHEDULE_WORKFLOW_TYPE, {
        workflowId: meetingScheduleWorkflowId(this.config.TEMPORAL_TASK_QUEUE, region.code, 'TTCG'),
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    }
    this.logger.log(`TTCG schedules running for ${regions.length} regions`);
  }

  private recurrence(settings: RegionSettings): MeetingRecurrence {
    const interval = this.config.MEETING_INTERVAL_MS;
    return interval
      ? { kind: 'INTERVAL', everyMs: interval, papersCloseBeforeMs: Math.floor(interval / 2) }
      : { kind: 'CALENDAR', policy: cadencePolicyOf(settings) };
  }
}
