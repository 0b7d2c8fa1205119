import { ApiProperty } from '@nestjs/swagger';
import { ReferralSummaryDto } from '../referrals/referral-views.dto';
import { PageOf } from '../common/page.dto';

/** A referral sent national, waiting for the NCA's answer. */
export class NationalQueueItemDto extends ReferralSummaryDto {
  @ApiProperty() referredAt!: string;
  @ApiProperty() responseDueAt!: string;
  @ApiProperty({ description: 'the answer is past due' }) overdue!: boolean;
}

export class NationalQueueResponse extends PageOf(NationalQueueItemDto) {}
