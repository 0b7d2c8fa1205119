import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEETING_TYPES } from '@rocu/domain';

export class NationalPriorityDto {
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null while the priority is active' })
  retiredAt!: string | null;
}

export class NationalPrioritiesResponse {
  @ApiProperty({ type: [NationalPriorityDto] }) items!: NationalPriorityDto[];
}

/** A TTCG in full; a covert commissioning meeting as its region and date only (domain.md section 8). */
export class CalendarEntryDto {
  @ApiProperty() region!: string;
  @ApiProperty({ enum: MEETING_TYPES }) type!: string;
  @ApiProperty() scheduledFor!: string;
  @ApiPropertyOptional({ description: 'TTCG only' }) id?: string;
  @ApiPropertyOptional({ description: 'TTCG only' }) papersCloseAt?: string;
  @ApiPropertyOptional({ description: 'TTCG only' }) status?: string;
}

export class NationalCalendarResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [CalendarEntryDto], description: "every region's meetings in the window, soonest first" })
  items!: CalendarEntryDto[];
}

export class NationalReportRowDto {
  @ApiProperty() region!: string;
  @ApiProperty() nationalPriority!: string;
  @ApiProperty({ description: 'awaiting decision or deferred' }) awaitingDecision!: number;
  @ApiProperty({ description: 'adopted, with an SIO, active or closed' }) adopted!: number;
  @ApiProperty() declined!: number;
}

/** A decline of one of the NCA's own tasking requests: the NCA may see these in full. */
export class NationalDeclineDto {
  @ApiProperty() referralId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() region!: string;
  @ApiProperty() nationalPriority!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the TTCG that declined it; null for a covert commissioning meeting, whose id stays in the region',
  })
  meetingId!: string | null;
  @ApiProperty() rationale!: string;
  @ApiProperty() declineJustification!: string;
  @ApiProperty() decidedAt!: string;
}

export class NationalReportResponse {
  @ApiProperty({
    type: [NationalReportRowDto],
    description: 'per region and active national priority: counts of aligned referrals, never their content',
  })
  rows!: NationalReportRowDto[];
  @ApiProperty({ type: [NationalDeclineDto], description: "declines of the NCA's own tasking requests, newest first" })
  declines!: NationalDeclineDto[];
}
