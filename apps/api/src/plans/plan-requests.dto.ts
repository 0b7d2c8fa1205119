import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { ACTION_STATUSES, ActionStatus, PILLARS, Pillar, SIGNIFICANCES, Significance } from '@rocu/domain';
import { IsInstantWithin } from '../common/is-instant.validator';
import { Text } from '../common/text.validator';
import { Omittable } from '../common/omittable.validator';

export class AddActionRequest {
  @ApiProperty({ enum: PILLARS }) @IsIn(PILLARS) pillar!: Pillar;
  @ApiProperty({ maxLength: 4000 }) @Text(4000) description!: string;
  @ApiProperty({ description: 'owning organisation (a force, the ROCU, or a partner such as a local authority)' })
  @Text(200)
  ownerOrg!: string;
  @ApiProperty({ description: 'owning person' }) @Text(200) ownerName!: string;
  @ApiProperty({ example: '2027-01-31T17:00:00Z' }) @IsInstantWithin('DUE_DATE') dueAt!: string;

  @ApiPropertyOptional({ type: [String], description: 'partner organisations involved' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @Text(200, { each: true })
  partners?: string[];
}

export class ChangeActionRequest {
  @ApiProperty({ enum: ACTION_STATUSES }) @IsIn(ACTION_STATUSES) status!: ActionStatus;

  @ApiPropertyOptional({ description: 'required when status is COMPLETE or ABANDONED', maxLength: 4000 })
  @Omittable()
  @Text(4000)
  outcome?: string;

  @ApiProperty({ description: 'the version you last read; a stale version is 409 and changes nothing' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}

export class DisruptionRequest {
  @ApiProperty({ enum: PILLARS }) @IsIn(PILLARS) pillar!: Pillar;
  @ApiProperty({ enum: SIGNIFICANCES }) @IsIn(SIGNIFICANCES) significance!: Significance;
  @ApiProperty({ maxLength: 4000 }) @Text(4000) description!: string;
  @ApiProperty({ example: '2026-11-20T06:00:00Z' }) @IsInstantWithin('PAST_EVENT') occurredAt!: string;
}

export class ReviewRequest {
  @ApiProperty({ description: "the signer's summary of the joint review", maxLength: 4000 })
  @Text(4000)
  summary!: string;
}
