import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PersonRefDto } from '../referrals/referral-views.dto';

export class PlanActionDto {
  @ApiProperty() id!: string;
  @ApiProperty() pillar!: string;
  @ApiProperty() description!: string;
  @ApiProperty() ownerOrg!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ type: [String] }) partners!: string[];
  @ApiProperty() dueAt!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class DisruptionDto {
  @ApiProperty() id!: string;
  @ApiProperty() pillar!: string;
  @ApiProperty() significance!: string;
  @ApiProperty() description!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
}

export class SignatureDto {
  @ApiProperty() role!: string;
  @ApiProperty() sub!: string;
  @ApiProperty() name!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() signedAt!: string;
}

export class ReviewDto {
  @ApiProperty() id!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ type: [SignatureDto] }) signatures!: SignatureDto[];
  @ApiProperty({ description: 'true once both SIO and LRO have signed' }) complete!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) completedAt!: string | null;
}

export class MissedReviewDto {
  @ApiProperty() dueAt!: string;
  @ApiProperty() recordedAt!: string;
}

class CountsDto {
  @ApiProperty() total!: number;
}

export class PillarBalanceDto {
  @ApiProperty({ type: CountsDto, description: 'total and per status (PLANNED, ACTIVE, COMPLETE, ABANDONED)' })
  actions!: Record<string, number>;
  @ApiProperty({ type: CountsDto, description: 'total and per significance (MAJOR, MODERATE, MINOR)' })
  disruptions!: Record<string, number>;
}

export class BalanceDto {
  @ApiProperty({ type: PillarBalanceDto }) PURSUE!: PillarBalanceDto;
  @ApiProperty({ type: PillarBalanceDto }) PREVENT!: PillarBalanceDto;
  @ApiProperty({ type: PillarBalanceDto }) PROTECT!: PillarBalanceDto;
  @ApiProperty({ type: PillarBalanceDto }) PREPARE!: PillarBalanceDto;
}

/** One period of ownership of the tasking and its plan: who, from when, until when, and why it changed. */
export class OwnerPeriodDto {
  @ApiProperty({ enum: ['SIO', 'LRO'] }) role!: string;
  @ApiProperty() sub!: string;
  @ApiProperty() name!: string;
  @ApiProperty() org!: string;
  @ApiProperty() from!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'null while they own it' }) until!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'why they took over (a replacement)' })
  reason!: string | null;
  @ApiProperty({ description: 'who allocated, named or replaced them' }) changedBy!: string;
}

export class PlanDto {
  @ApiProperty() referralId!: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'], description: 'a CLOSED plan is read-only' }) status!: string;
  @ApiProperty({ type: PersonRefDto }) sio!: PersonRefDto;
  @ApiProperty({ type: PersonRefDto }) lro!: PersonRefDto & { org: string };
  @ApiProperty() startedAt!: string;
  @ApiProperty() nextReviewDueAt!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      "set while this cycle's joint review is complete: no review opens (a first signature is 409) before it; " +
      'null: one may be opened or signed now',
  })
  nextReviewOpensAt!: string | null;
  @ApiProperty({
    description: 'a review was missed since the plan (re)started and none has been completed since',
  })
  reviewOverdue!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: [PlanActionDto] }) actions!: PlanActionDto[];
  @ApiProperty({ type: [DisruptionDto] }) disruptions!: DisruptionDto[];
  @ApiProperty({ type: [ReviewDto] }) reviews!: ReviewDto[];
  @ApiProperty({ type: [MissedReviewDto] }) missedReviews!: MissedReviewDto[];
  @ApiProperty({ type: BalanceDto }) balance!: BalanceDto;
  @ApiProperty({ type: [OwnerPeriodDto], description: 'who owned the plan when, oldest first' })
  owners!: OwnerPeriodDto[];
}

export class RegionBalanceDto {
  @ApiProperty() region!: string;
  @ApiProperty({ description: 'plans counted (open and closed)' }) plans!: number;
  @ApiProperty({ type: BalanceDto }) balance!: BalanceDto;
}
