import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, meetingSettingsOf } from '@rocu/config';
import { CadencePolicy, cadencePolicyFor, covertCadencePolicy, MeetingCadence, MeetingType } from '@rocu/domain';
import {
  MEETING_SCHEDULE_WORKFLOW_TYPE,
  meetingScheduleWorkflowId,
  type MeetingRecurrence,
  type MeetingScheduleInput,
} from '@rocu/contracts';
import { WorkflowClientService } from './workflow-client.service';

const MEETINGS_AHEAD = 2;

/**
 * Makes sure every region with a ROCU has its TTCG and covert commissioning schedules running (idempotent:
 * an existing schedule is left as it is). The TTCG cadence comes from the regions reference data, the covert
 * one from the meeting settings.
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
    const regions = await this.dataSource.query<{ code: string; cadence: MeetingCadence }[]>(
      `SELECT code, cadence FROM regions WHERE has_rocu AND cadence IS NOT NULL ORDER BY code`,
    );
    const settings = meetingSettingsOf(this.config);
    for (const region of regions) {
      // Each region's TTCGs on its own cadence, and its covert commissioning meetings (default fortnightly).
      const cadences: [MeetingType, CadencePolicy, number][] = [
        ['TTCG', cadencePolicyFor(region.cadence), 1],
        ['COVERT_COMMISSIONING', covertCadencePolicy(settings), settings.covertEveryDays],
      ];
      for (const [type, policy, drillIntervals] of cadences) {
        const input: MeetingScheduleInput = {
          region: region.code,
          type,
          recurrence: this.recurrence(policy, drillIntervals),
          horizon: MEETINGS_AHEAD,
          settings,
        };
        await this.workflows.client.workflow.start(MEETING_SCHEDULE_WORKFLOW_TYPE, {
          workflowId: meetingScheduleWorkflowId(this.config.TEMPORAL_TASK_QUEUE, region.code, type),
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
      }
    }
    this.logger.log(`TTCG and covert commissioning schedules running for ${regions.length} regions`);
  }

  /** The cadence, or in a drill (MEETING_INTERVAL_MS) every `drillIntervals` of the fixed interval. */
  private recurrence(policy: CadencePolicy, drillIntervals: number): MeetingRecurrence {
    const interval = this.config.MEETING_INTERVAL_MS;
    if (!interval) return { kind: 'CALENDAR', policy };
    const everyMs = interval * drillIntervals;
    return { kind: 'INTERVAL', everyMs, papersCloseBeforeMs: Math.floor(everyMs / 2) };
  }
}
