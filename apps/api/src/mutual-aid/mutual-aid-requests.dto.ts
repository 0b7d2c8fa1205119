import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateBy, ValidateIf } from 'class-validator';
import { MUTUAL_AID_DECISIONS, MUTUAL_AID_KINDS, type MutualAidDecision, type MutualAidKind } from '@rocu/domain';
import { IsKnownCode } from '../common/known-code.validator';
import { Text } from '../common/text.validator';
import { Omittable } from '../common/omittable.validator';
import { IsRecordId } from '../common/record-id.validator';

/** A ROCU manager asks another region for an SIO or a capability for one of their region's live taskings. */
export class CreateMutualAidRequest {
  @ApiProperty({ format: 'uuid', description: "an adopted referral of the caller's region (a live tasking)" })
  @IsRecordId()
  referralId!: string;

  @ApiProperty({ example: 'EMSOU', description: 'the region asked to lend (a region with a ROCU, not your own)' })
  @IsKnownCode('ROCU_REGION')
  lendingRegion!: string;

  @ApiProperty({ enum: MUTUAL_AID_KINDS })
  @IsIn(MUTUAL_AID_KINDS)
  kind!: MutualAidKind;

  @ApiPropertyOptional({
    example: 'COVERT_SURVEILLANCE',
    description: 'required for a CAPABILITY (a capability code), and only then',
  })
  @ValidateIf((request: CreateMutualAidRequest) => request.kind === 'CAPABILITY' || request.capability !== undefined)
  @IsKnownCode('CAPABILITY')
  @ValidateBy({
    name: 'onlyForCapability',
    validator: {
      validate: (_value, args) => (args?.object as CreateMutualAidRequest).kind === 'CAPABILITY',
      defaultMessage: () => 'capability is given only when kind is CAPABILITY',
    },
  })
  capability?: string;

  @ApiProperty({ maxLength: 2000, description: 'why the region needs the help' })
  @Text(2000)
  reason!: string;
}

/** The lending region's ROCU manager approves (naming the SIO lent) or refuses (with a reason). */
export class MutualAidDecisionRequest {
  @ApiProperty({ enum: MUTUAL_AID_DECISIONS })
  @IsIn(MUTUAL_AID_DECISIONS)
  decision!: MutualAidDecision;

  @ApiPropertyOptional({ maxLength: 2000, description: 'required to refuse' })
  @ValidateIf((request: MutualAidDecisionRequest) => request.decision === 'REFUSE' || request.reason !== undefined)
  @Text(2000)
  reason?: string;

  @ApiPropertyOptional({
    example: 'sio-emsou-1',
    description: 'to approve an SIO request: the SIO of the lending region lent (from GET /officers)',
  })
  @Omittable()
  @IsString()
  @Length(1, 100)
  officerSub?: string;
}

/** The borrowing region's ROCU manager withdraws a request not yet decided. */
export class WithdrawMutualAidRequest {
  @ApiProperty({ maxLength: 2000 })
  @Text(2000)
  reason!: string;
}
