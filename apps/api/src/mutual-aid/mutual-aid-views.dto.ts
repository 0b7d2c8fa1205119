import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MUTUAL_AID_KINDS, MUTUAL_AID_STATES } from '@rocu/domain';
import { PageOf } from '../common/page.dto';

export class MutualAidPersonDto {
  @ApiProperty() sub!: string;
  @ApiProperty() name!: string;
}

/**
 * A mutual-aid request as both managers see it. The lending region does not see the tasking itself (it is
 * not theirs to see): only its id and priority band, and the borrower's reason.
 */
export class MutualAidRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'P2' }) priority!: string | null;
  @ApiProperty({ example: 'YHROCU' }) borrowingRegion!: string;
  @ApiProperty({ example: 'EMSOU' }) lendingRegion!: string;
  @ApiProperty({ enum: MUTUAL_AID_KINDS }) kind!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) capability!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: MUTUAL_AID_STATES }) state!: string;
  @ApiProperty({ type: MutualAidPersonDto }) requestedBy!: MutualAidPersonDto;
  @ApiProperty() requestedAt!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: MutualAidPersonDto,
    description: 'the SIO lent (approved SIO requests)',
  })
  officer!: MutualAidPersonDto | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'the reason given with the decision or withdrawal',
  })
  decisionReason!: string | null;
  @ApiProperty({ enum: ['BORROWER', 'LENDER'], description: "the caller's side of the request" }) side!: string;
  @ApiProperty({ type: [String], description: 'what the caller may do now (APPROVE, REFUSE, WITHDRAW)' })
  availableActions!: string[];
}

export class MutualAidListResponse extends PageOf(MutualAidRequestDto) {}
