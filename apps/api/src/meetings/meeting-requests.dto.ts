import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  MEETING_DECISIONS,
  MEETING_STATUSES,
  MEETING_TYPES,
  MeetingDecision,
  MeetingStatus,
  MeetingType,
  RATIFICATION_OUTCOMES,
  RatificationOutcome,
} from '@rocu/domain';
import { IsInstantWithin } from '../common/is-instant.validator';
import { Text } from '../common/text.validator';
import type { FieldError } from '../common/problem';
import { NestedArray } from '../common/nested-body';
import { IsRecordId } from '../common/record-id.validator';
import { Omittable } from '../common/omittable.validator';
import { IsKnownCode } from '../common/known-code.validator';

const CODE = /^[A-Z_]{2,30}$/;
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

export class CreateMeetingRequest {
  @ApiProperty({ example: 'YHROCU' }) @Matches(CODE) region!: string;
  @ApiProperty({ enum: MEETING_TYPES }) @IsIn(MEETING_TYPES) type!: MeetingType;
  @ApiProperty({ example: '2026-12-02T10:00:00Z' }) @IsInstantWithin('MEETING') scheduledFor!: string;

  @ApiPropertyOptional({ description: 'paper cut-off; default 24 hours before the meeting, or now if that has passed' })
  @Omittable()
  @IsInstantWithin('MEETING')
  papersCloseAt?: string;
}

export class AttendeeDto {
  @ApiProperty() @IsString() @Length(1, 100) sub!: string;
  @ApiProperty() @Text(200) name!: string;
  @ApiProperty({ example: 'WYP', description: 'an organisation code (GET /reference/organisations)' })
  @Matches(CODE)
  @IsKnownCode('ORGANISATION')
  org!: string;

  @ApiProperty({ type: [String], description: 'referral ids this attendee declares a conflict of interest on' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsRecordId({ each: true })
  conflicts!: string[];
}

/** Whom an attendance record names, as sent: the sign-in ids of those listed and of those removed. */
const subsOf = (raw: unknown): unknown[] =>
  Array.isArray(raw)
    ? raw.map((each) => (typeof each === 'object' && each !== null ? (each as AttendeeDto).sub : undefined))
    : [];

export class AttendanceRequest {
  /** A person listed twice, or both listed and removed, named with the body's other errors in one 400. */
  static bodyRules(raw: Record<string, unknown>): FieldError[] {
    const listed = subsOf(raw.attendees);
    const errors: FieldError[] = listed.flatMap((sub, index) =>
      typeof sub === 'string' && listed.indexOf(sub) < index
        ? [{ field: `attendees[${index}].sub`, code: 'repeated', message: 'each person may be listed once' }]
        : [],
    );
    (Array.isArray(raw.removed) ? (raw.removed as unknown[]) : []).forEach((sub, index) => {
      if (typeof sub === 'string' && listed.includes(sub))
        errors.push({
          field: `removed[${index}]`,
          code: 'also_attending',
          message: 'a person removed may not be listed',
        });
    });
    return errors;
  }

  @NestedArray(AttendeeDto)
  attendees!: AttendeeDto[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'sign-in ids of people recorded before who are not attending after all (recorded in error, or gone): they ' +
      'leave the attendance and its recusals, and what they declared stays in the register; ids not recorded are ignored',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  removed?: string[];
}

const REFERRALS_ON: readonly MeetingDecision[] = ['REFER_NATIONAL', 'REFER_PARTNER'];

/** The receiving body's reference, required when an item is referred on (NCA or partner). */
const onwardReference = (): PropertyDecorator => (target, key) => {
  ApiPropertyOptional({
    description: 'required for REFER_NATIONAL and REFER_PARTNER: the onward reference',
    maxLength: 100,
  })(target, key);
  ValidateIf(
    (request: { decision?: MeetingDecision; onwardReference?: string }) =>
      REFERRALS_ON.includes(request.decision as MeetingDecision) || request.onwardReference !== undefined,
  )(target, key);
  Text(100)(target, key);
};

export class DecisionRequest {
  @ApiProperty() @IsRecordId() referralId!: string;

  @ApiPropertyOptional({
    enum: RATIFICATION_OUTCOMES,
    description:
      'required for an urgent decision listed for ratification, and refused on a new item: RATIFY (with the ' +
      'urgent decision as `decision`) or OVERTURN (with a different `decision`, which then reaches the referral: ' +
      'an overturned adoption stands the tasking down and closes its plan)',
  })
  @Omittable()
  @IsIn(RATIFICATION_OUTCOMES)
  ratification?: RatificationOutcome;

  @ApiProperty({ enum: MEETING_DECISIONS }) @IsIn(MEETING_DECISIONS) decision!: MeetingDecision;

  @ApiProperty({ description: 'necessity, proportionality, options considered', maxLength: 4000 })
  @Text(4000)
  rationale!: string;

  @ApiPropertyOptional({
    description: 'required when adopting ahead of a higher-ranked deferred, declined or undecided item',
  })
  @Omittable()
  @Text(4000)
  deviationJustification?: string;

  @ApiPropertyOptional({
    description: 'required when declining a tasking request the NCA made (declines are reported nationally)',
    maxLength: 4000,
  })
  @Omittable()
  @Text(4000)
  declineJustification?: string;

  @onwardReference() onwardReference?: string;
}

export class UrgentDecisionRequest {
  @ApiProperty({ enum: MEETING_DECISIONS }) @IsIn(MEETING_DECISIONS) decision!: MeetingDecision;
  @ApiProperty({ maxLength: 4000 }) @Text(4000) rationale!: string;
  @onwardReference() onwardReference?: string;
}

export class ListMeetingsQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(CODE) region?: string;
  @ApiPropertyOptional({ enum: MEETING_TYPES }) @IsOptional() @IsIn(MEETING_TYPES) type?: MeetingType;
  @ApiPropertyOptional({ enum: MEETING_STATUSES }) @IsOptional() @IsIn(MEETING_STATUSES) status?: MeetingStatus;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Transform(toInteger) @IsInt() @Min(1) page = 1;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(200) pageSize = 50;
}

export class CloseMeetingRequest {
  @ApiPropertyOptional({
    description: "the chair's closing remarks, kept with the close on the audit trail",
    maxLength: 2000,
  })
  @Omittable()
  @Text(2000)
  remarks?: string;
}

export class MinutesQuery {
  @ApiPropertyOptional({ enum: ['json', 'html'] }) @IsOptional() @IsIn(['json', 'html']) format?: 'json' | 'html';
}
