import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/common';
import { AppConfig, meetingSettingsOf } from '@rocu/config';
import { meetingRecurrenceFor, meetingRecurrenceSignal, meetingScheduleWorkflowId } from '@rocu/contracts';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  defaultRegionSettings,
  DomainError,
  ArrangedMeetingSettings,
  regionMeetingSettings,
  RegionSettings,
  validateRegionSettings,
} from '@rocu/domain';
import { appendActorAudit, RegionSettingsRow, regionSettingsRepository } from '@rocu/persistence';
import { auditRegionRead } from '../audit/read-audit';
import { RequestValidationError } from '../common/request-validation';
import { TemporalClientService } from '../temporal/temporal-client.provider';
import { settingsErrors, ChangeRegionSettingsRequest, RegionSettingsDto } from './region-settings.dto';

/** One version of a region's settings, as the API shows it and as new referrals and meetings use it. */
export interface RegionSettingsVersion {
  region: string;
  version: number;
  settings: RegionSettings;
}

const view = (row: RegionSettingsRow): RegionSettingsDto => ({
  region: row.region,
  version: row.version,
  settings: { ...row.settings },
  changedBy: { sub: row.changed_by_sub, name: row.changed_by_name },
  reason: row.reason,
  changedAt: row.changed_at.toISOString(),
});

/** Region settings in Postgres: read the current version, list them all, and add a new one. */
@Injectable()
export class RegionSettingsService {
  private readonly logger = new Logger(RegionSettingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly config: AppConfig,
  ) {}

  /** The settings new referrals and meetings in a region start with (the highest version). */
  async current(region: string, manager: EntityManager = this.dataSource.manager): Promise<RegionSettingsVersion> {
    const row = await regionSettingsRepository.latest(manager, region);
    if (!row) throw new DomainError('NOT_FOUND', `Region ${region} has no ROCU and so no settings`);
    return { region: row.region, version: row.version, settings: row.settings };
  }

  /** As `current`; a region without settings (no ROCU) gets the domain defaults as version 0. */
  async currentOrDefaults(region: string): Promise<RegionSettingsVersion> {
    return this.current(region).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') {
        return { region, version: 0, settings: defaultRegionSettings('MONTHLY') };
      }
      throw error;
    });
  }

  /** The rules the region's meetings run by: the quorum of these settings over the region's forces now. */
  async meetingSettings(region: string, settings: RegionSettings): Promise<ArrangedMeetingSettings> {
    const forces = await regionSettingsRepository.forces(this.dataSource, region);
    return regionMeetingSettings(settings, meetingSettingsOf(this.config), forces);
  }

  /** The current version, for the region's own ROCU staff. */
  async read(actor: Actor, region: string, correlationId: string): Promise<RegionSettingsDto> {
    const [current] = await this.versionsRead(actor, region, 1, correlationId);
    return current;
  }

  async history(actor: Actor, region: string, correlationId: string): Promise<RegionSettingsDto[]> {
    return this.versionsRead(actor, region, null, correlationId);
  }

  /** The region's newest versions (at most `limit`; null: all) for its own ROCU staff, the read audited. */
  private async versionsRead(
    actor: Actor,
    region: string,
    limit: number | null,
    correlationId: string,
  ): Promise<RegionSettingsDto[]> {
    this.assertOwnRegion(actor, region);
    const rows = await this.rows(region, limit);
    if (rows.length === 0) throw new DomainError('NOT_FOUND', `Region ${region} has no ROCU and so no settings`);
    const versions = rows.map((row) => row.version);
    await auditRegionRead(this.dataSource, actor, {
      action: 'REGION_SETTINGS_VIEWED',
      region,
      correlationId,
      details: { versions },
    });
    return rows.map(view);
  }

  /**
   * Adds the next version (the route admits only ROCU managers; here, of this region): the whole settings validated (400 naming
   * every bad field, nothing written), optimistic on `expectedVersion` (409), audited with both versions.
   * Referrals and meetings already running keep the version they started with; the region's TTCG schedule
   * is told, so the meetings it creates from now on follow the new calendar.
   */
  async change(
    actor: Actor,
    region: string,
    request: ChangeRegionSettingsRequest,
    correlationId: string,
  ): Promise<RegionSettingsDto> {
    this.assertOwnRegion(actor, region);
    // The pipe has refused bad settings with the body's other errors (ChangeRegionSettingsRequest.bodyRules).
    const checked = validateRegionSettings(request.settings);
    if (!checked.ok) throw new RequestValidationError(settingsErrors(request.settings));
    const changed = await this.dataSource.transaction(async (manager) => {
      await regionSettingsRepository.lockRegion(manager, region);
      const previous = await this.current(region, manager);
      if (request.expectedVersion !== undefined && request.expectedVersion !== previous.version) {
        throw new DomainError(
          'VERSION_CONFLICT',
          `The settings are at version ${previous.version}, not ${request.expectedVersion}: read them again`,
          { currentVersion: previous.version },
        );
      }
      const row = await regionSettingsRepository.insert(manager, {
        region,
        version: previous.version + 1,
        settings: checked.settings,
        changedBy: actor,
        reason: request.reason,
      });
      await appendActorAudit(manager, actor, {
        action: 'REGION_SETTINGS_CHANGED',
        entityType: 'region',
        entityId: region,
        correlationId,
        justification: request.reason,
        details: { fromVersion: previous.version, toVersion: row.version, from: previous.settings, to: row.settings },
      });
      return view(row);
    });
    await this.tellSchedule(region, checked.settings);
    return changed;
  }

  /**
   * Sends the new calendar and quorum to the region's running TTCG schedule. None runs when schedules are off; if
   * Temporal cannot be reached the change stands and the worker sends the current calendar when it next starts.
   */
  private async tellSchedule(region: string, settings: RegionSettings): Promise<void> {
    const workflowId = meetingScheduleWorkflowId(this.temporal.taskQueue, region, 'TTCG');
    const change = {
      recurrence: meetingRecurrenceFor(settings, this.config.MEETING_INTERVAL_MS),
      settings: await this.meetingSettings(region, settings),
    };
    try {
      await this.temporal.client.workflow.getHandle(workflowId).signal(meetingRecurrenceSignal, change);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      this.logger.warn(`Region ${region}: the TTCG schedule was not told of the new settings (${String(error)})`);
    }
  }

  private assertOwnRegion(actor: Actor, region: string): void {
    if (actor.region !== region) {
      throw new DomainError('FORBIDDEN', "A region's settings are for its own ROCU staff", { region });
    }
  }

  private rows(region: string, limit: number | null): Promise<RegionSettingsRow[]> {
    return regionSettingsRepository.versions(this.dataSource.manager, region, limit);
  }
}
