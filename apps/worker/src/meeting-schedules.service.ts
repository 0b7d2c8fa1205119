import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, meetingSettingsOf } from '@rocu/config';
import { covertCadencePolicy, MeetingSettings, regionMeetingSettings } from '@rocu/domain';
import {
  MEETING_SCHEDULE_WORKFLOW_TYPE,
  meetingRecurrenceFor,
  meetingRecurrenceSignal,
  meetingScheduleWorkflowId,
  type MeetingRecurrence,
  type MeetingScheduleInput,
} from '@rocu/contracts';
import { regionSettingsRepository } from '@rocu/persistence';
import { WorkflowClientService } from './workflow-client.service';

const MEETINGS_AHEAD = 2;

/**
 * Makes sure every region with a ROCU has its TTCG and covert commissioning schedules running. TTCGs follow
 * the calendar (cadence, weekday, time, paper cut-off) of the current version of the region's settings; covert
 * commissioning meets on its own cadence (default fortnightly). A schedule already running is sent its calendar
 * and the region's settings and forces as they are now, otherwise one is started.
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
    const regions = await regionSettingsRepository.currentForRocuRegions(this.dataSource);
    for (const region of regions) {
      const settings = regionMeetingSettings(region.settings, meetingSettingsOf(this.config), region.forces);
      const ttcg = meetingRecurrenceFor(region.settings, this.config.MEETING_INTERVAL_MS);
      await this.keepRunning({
        region: region.code,
        type: 'TTCG',
        recurrence: ttcg,
        horizon: MEETINGS_AHEAD,
        settings,
      });
      const covert = this.covertRecurrence(settings);
      await this.keepRunning({
        region: region.code,
        type: 'COVERT_COMMISSIONING',
        recurrence: covert,
        horizon: MEETINGS_AHEAD,
        settings,
      });
    }
    this.logger.log(`TTCG and covert commissioning schedules running for ${regions.length} regions`);
  }

  /**
   * Starts the schedule, or sends a running one its calendar and settings (so its next meetings count the region's
   * forces as they are now, and a change the API could not deliver is caught up).
   */
  private async keepRunning(schedule: MeetingScheduleInput): Promise<void> {
    const { region, type, recurrence, settings } = schedule;
    await this.workflows.client.workflow.signalWithStart(MEETING_SCHEDULE_WORKFLOW_TYPE, {
      workflowId: meetingScheduleWorkflowId(this.config.TEMPORAL_TASK_QUEUE, region, type),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [schedule],
      signal: meetingRecurrenceSignal,
      signalArgs: [{ recurrence, settings }],
    });
  }

  /** The covert cadence, or in a drill (MEETING_INTERVAL_MS) every `covertEveryDays` of the fixed interval. */
  private covertRecurrence(settings: MeetingSettings): MeetingRecurrence {
    const interval = this.config.MEETING_INTERVAL_MS;
    if (!interval) return { kind: 'CALENDAR', policy: covertCadencePolicy(settings) };
    const everyMs = interval * settings.covertEveryDays;
    return { kind: 'INTERVAL', everyMs, papersCloseBeforeMs: Math.floor(everyMs / 2) };
  }
}
