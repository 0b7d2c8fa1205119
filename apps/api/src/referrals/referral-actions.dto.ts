import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { TRIAGE_DECISIONS, TriageDecision } from '@rocu/domain';

export class TriageRequest {
  @ApiProperty({ enum: TRIAGE_DECISIONS })
  @IsIn(TRIAGE_DECISIONS)
  decision!: TriageDecision;

  @ApiProperty({ description: 'why; for REQUEST_INFO, the question put to the referrer', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  reason!: string;
}

export class InformationRequest {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  response!: string;
}

export class WithdrawRequest {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
