import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsKnownCode } from '../common/known-code.validator';
import { NationalPriorityCode } from '../common/national-priority-code.validator';
import { Text } from '../common/text.validator';
import { IsInstant } from '../common/is-instant.validator';
import { AssessmentRequest } from '../referrals/assessment.dto';
import { SubmitReferralRequest } from '../referrals/submit-referral.dto';
import { NestedObject } from '../common/nested-body';
import { Omittable } from '../common/omittable.validator';

export class CreateNationalPriorityRequest {
  @NationalPriorityCode('a new code, kept for ever (a retired priority keeps its code)') code!: string;
  @ApiProperty({ maxLength: 200 }) @Text(200) title!: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Omittable() @Text(2000) description?: string;
}

/**
 * The NCA's own score of the work: the assessment an assessor would make, always routed to the TTCG (and aligned
 * to the request's own national priority).
 */
export class TaskingAssessmentRequest extends OmitType(AssessmentRequest, ['route', 'nationalPriority'] as const) {}

export class NationalTaskingRequest extends OmitType(SubmitReferralRequest, ['region'] as const) {
  @ApiProperty({ example: 'YHROCU', description: 'the region whose ROCU is asked to take the work on' })
  @IsKnownCode('ROCU_REGION')
  region!: string;

  @NationalPriorityCode('the national priority the request is against (an active one of GET /national/priorities)')
  nationalPriority!: string;

  @NestedObject(TaskingAssessmentRequest, {
    description: "the NCA's score (recorded as the referral's assessment, so the agenda ranks it like any other)",
  })
  assessment!: TaskingAssessmentRequest;
}

export class NationalCalendarQuery {
  @ApiPropertyOptional({ description: 'from this instant (default now)', example: '2026-12-01T00:00:00Z' })
  @Omittable()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'until this instant (default 180 days after `from`; at most 366 days)' })
  @Omittable()
  @IsInstant()
  to?: string;
}
