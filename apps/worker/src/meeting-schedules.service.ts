import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, meetingSettingsOf } from '@rocu/config';
import { RegionSettings, regionMeetingSettings } from '@rocu/domain';
import {
  MEETING_SCHEDULE_WORKFLOW_TYPE,
  meetingRecurrenceFor,
  meetingRecurrenceSignal,
  meetingScheduleWorkflowId,
  type MeetingScheduleInput,
} from '@rocu/contracts';
import { WorkflowClientService } from './workflow-client.service';

const MEETINGS_AHEAD = 2;

/**
 * Makes sure every region with a ROCU has its TTCG schedule running, on the calendar (cadence, weekday,
 * time, paper cut-off) of the current version of the region's settings: a schedule already running is
 * sent that calendar (so a change the API could not deliver is caught up here), otherwise one is started.
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
      const recurrence = meetingRecurrenceFor(region.settings, this.config.MEETING_INTERVAL_MS);
      const settings = regionMeetingSettings(region.settings, meetingSettingsOf(this.config));
      const input: MeetingScheduleInput = {
        region: region.code,
        type: 'TTCG',
        recurrence,
        horizon: MEETINGS_AHEAD,
        settings,
      };
      await this.workflows.client.workflow.signalWithStart(MEETING_SCHEDULE_WORKFLOW_TYPE, {
        workflowId: meetingScheduleWorkflowId(this.config.TEMPORAL_TASK_QUEUE, region.code, 'TTCG'),
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        signal: meetingRecurrenceSignal,
        signalArgs: [{ recurrence, settings }],
      });
    }
    this.logger.log(`TTCG schedules running for ${regions.length} regions`);
  }
}
