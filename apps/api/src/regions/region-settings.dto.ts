import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, Min } from 'class-validator';
import { Text } from '../common/text.validator';
import { Omittable } from '../common/omittable.validator';
import type { FieldError } from '../common/problem';
import { validateRegionSettings } from '@rocu/domain';

const SETTINGS_EXAMPLE = {
  deadlines: {
    IMMEDIATE: { TRIAGE: { elapsedMs: 3_600_000 }, ASSESSMENT: { elapsedMs: 14_400_000 } },
    PRIORITY: { TRIAGE: { workingDays: 1 }, ASSESSMENT: { workingDays: 5 } },
    ROUTINE: { TRIAGE: { workingDays: 2 }, ASSESSMENT: { workingDays: 10 } },
  },
  allocationDue: { workingDays: 5 },
  reminderFraction: 0.75,
  meetings: {
    cadence: 'MONTHLY',
    weekday: 3,
    timeOfDay: '10:00',
    paperCutoffDays: 5,
    anchorDate: '2026-01-07',
    quorumForcesFraction: 0.5,
  },
};

const SETTINGS_DESCRIPTION =
  'deadlines per urgency and stage (elapsedMs up to 7 days, or workingDays up to 60), the SIO allocation ' +
  'deadline, the reminder fraction (0-1], and the TTCG cadence (MONTHLY, SIX_WEEKLY, TWELVE_WEEKLY), ' +
  'weekday (1-5), time (HH:MM UK), paper cut-off (working days, 0-20), anchor date and quorum (share of ' +
  "the region's forces, (0-1])";

/** The settings' problems as field errors (`settings.meetings.anchorDate`, ...). */
export function settingsErrors(settings: unknown): FieldError[] {
  const checked = validateRegionSettings(settings);
  return checked.ok
    ? []
    : checked.problems.map((problem) => ({ field: problem.field, code: 'invalid', message: problem.message }));
}

export class ChangeRegionSettingsRequest {
  /** The settings are judged whole with the other fields, so one 400 names every bad field. */
  static bodyRules(raw: Record<string, unknown>): FieldError[] {
    return settingsErrors(raw.settings);
  }

  @ApiProperty({ description: `The whole new settings: ${SETTINGS_DESCRIPTION}`, example: SETTINGS_EXAMPLE })
  @IsObject()
  settings!: Record<string, unknown>;

  @ApiProperty({ maxLength: 2000, description: 'why the settings change (kept with the version and audited)' })
  @Text(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'the version the change was made from; another version is a 409' })
  @Omittable()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class SettingsAuthorDto {
  @ApiProperty() sub!: string;
  @ApiProperty() name!: string;
}

export class RegionSettingsDto {
  @ApiProperty() region!: string;
  @ApiProperty({ description: 'rises by one with every change; referrals and meetings record the one they use' })
  version!: number;
  @ApiProperty({ description: SETTINGS_DESCRIPTION, example: SETTINGS_EXAMPLE })
  settings!: Record<string, unknown>;
  @ApiProperty({ type: SettingsAuthorDto }) changedBy!: SettingsAuthorDto;
  @ApiProperty() reason!: string;
  @ApiProperty() changedAt!: string;
}

export class RegionSettingsHistoryDto {
  @ApiProperty() region!: string;
  @ApiProperty({ type: [RegionSettingsDto], description: 'every version, newest first' })
  versions!: RegionSettingsDto[];
}
