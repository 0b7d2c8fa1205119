import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PartnerCheckViewDto } from '../referrals/referral-views.dto';
import { PageOf } from '../common/page.dto';

export class MeetingSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() region!: string;
  @ApiProperty({ enum: ['TTCG', 'COVERT_COMMISSIONING'] }) type!: string;
  @ApiProperty({ enum: ['SCHEDULED', 'AGENDA_FROZEN', 'CLOSED'] }) status!: string;
  @ApiProperty() scheduledFor!: string;
  @ApiProperty() papersCloseAt!: string;
}

export class MeetingListResponse extends PageOf(MeetingSummaryDto) {}

export class AgendaItemDto {
  @ApiProperty() referralId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: ['NEW', 'RATIFICATION'] }) kind!: string;
  @ApiProperty({ description: 'rank among new items; 0 for ratifications' }) rank!: number;
  @ApiProperty() priority!: string;
  @ApiProperty() riskScore!: number;
  @ApiProperty() breakdown!: object;
  @ApiProperty() deferrals!: number;
  @ApiProperty({ type: [String] }) recusedMembers!: string[];
  @ApiProperty({
    type: [PartnerCheckViewDto],
    description: "the GAIN co-ordinator's partner-agency checks on the item",
  })
  partnerChecks!: PartnerCheckViewDto[];
  @ApiPropertyOptional() urgentDecision?: string;
  @ApiPropertyOptional({ description: 'the national priority the item is aligned to (a national item)' })
  nationalPriority?: string;
  @ApiPropertyOptional({
    enum: ['NCA_TASKING'],
    description: 'a tasking request the NCA made: declining it needs `declineJustification`',
  })
  origin?: string;
  @ApiPropertyOptional() decision?: object;
  @ApiProperty({
    description:
      'true when the item left the meeting undecided for good (its referral was withdrawn, or decided outside the ' +
      'meeting): it can no longer be decided here, and adopting an item below it is no deviation; on a closed ' +
      'meeting, as its close found it',
  })
  settledElsewhere!: boolean;
}

export class MeetingDetailDto extends MeetingSummaryDto {
  @ApiProperty({ description: 'false until the paper cut-off: the agenda then follows new assessments' })
  agendaFrozen!: boolean;
  @ApiProperty({ type: [AgendaItemDto] }) agenda!: AgendaItemDto[];
  @ApiProperty({ description: 'live taskings of the region, listed for review' }) reviews!: object[];
  @ApiProperty() attendees!: object[];
  @ApiProperty() decisions!: object[];
  @ApiProperty({ description: 'decisions that adopted an item ahead of higher-ranked ones' }) deviations!: object[];
  @ApiProperty({ type: [String] }) availableActions!: string[];
}

export class DeviationReportDto {
  @ApiProperty() region!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'deviations per month' }) byMonth!: { month: string; deviations: number }[];
  @ApiProperty({ description: 'per organisation: items it referred adopted out of rank order, and items passed over' })
  byOrganisation!: { org: string; adoptedOutOfOrder: number; passedOver: number }[];
}
