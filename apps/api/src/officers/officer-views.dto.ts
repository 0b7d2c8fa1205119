import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALLOCATION_RULES } from '@rocu/domain';
import { PageOf } from '../common/page.dto';

export class WorkloadDto {
  @ApiProperty({ description: 'workload points of active taskings (P1 4, P2 3, P3 2, P4 1)' }) points!: number;
  @ApiProperty() taskings!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'points as a percentage of capacity' }) percent!: number;
}

export class RuleCheckDto {
  @ApiProperty({ enum: ALLOCATION_RULES }) rule!: string;
  @ApiProperty({ description: 'false: broken (SPECIALISM or CAPACITY then needs an exceptionJustification)' })
  met!: boolean;
  @ApiProperty({ example: 'holds none of FRAUD' }) detail!: string;
}

export class CandidateDto {
  @ApiProperty() sub!: string;
  @ApiProperty() name!: string;
  @ApiProperty() org!: string;
  @ApiProperty() region!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ type: [String] }) specialisms!: string[];
  @ApiProperty() vetting!: string;
  @ApiProperty({ type: WorkloadDto }) workload!: WorkloadDto;
  @ApiProperty({ type: WorkloadDto }) workloadAfterAllocation!: WorkloadDto;
  @ApiProperty({ type: [String] }) matchedSpecialisms!: string[];
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: [String], description: 'CONFLICT_DECLARED, VETTING_TOO_LOW' }) ineligibleReasons!: string[];
  @ApiProperty({ type: [RuleCheckDto], description: 'each allocation rule this officer meets or breaks' })
  rules!: RuleCheckDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'EMSOU',
    description: 'the lending region, for an SIO of another region lent to the referral (referralId) by mutual aid',
  })
  lentBy!: string | null;
}

export class TaskingNeedsDto {
  @ApiProperty({ type: [String] }) specialisms!: string[];
  @ApiProperty() vetting!: string;
  @ApiProperty() cost!: number;
}

export class OfficerListResponse extends PageOf(CandidateDto) {
  @ApiPropertyOptional({ type: TaskingNeedsDto, description: 'what the referral needs, when referralId is given' })
  needs?: TaskingNeedsDto;
}
