import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TRIAGE_DECISIONS, TriageDecision } from '@rocu/domain';
import { Text } from '../common/text.validator';

export class TriageRequest {
  @ApiProperty({ enum: TRIAGE_DECISIONS })
  @IsIn(TRIAGE_DECISIONS)
  decision!: TriageDecision;

  @ApiProperty({ description: 'why; for REQUEST_INFO, the question put to the referrer', maxLength: 4000 })
  @Text(4000)
  reason!: string;
}

export class InformationRequest {
  @ApiProperty({ maxLength: 4000 })
  @Text(4000)
  response!: string;
}

export class WithdrawRequest {
  @ApiProperty({ maxLength: 2000 })
  @Text(2000)
  reason!: string;
}
