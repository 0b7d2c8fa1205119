import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../common/page.dto';

export class NotificationDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: 'DEADLINE_REMINDER' }) kind!: string;
  @ApiProperty({ example: 'Referral YHROCU-2026-000042: triage due soon' }) title!: string;
  @ApiProperty({ type: [String], description: 'what is due and when; never sensitive detail' }) body!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) referralId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reference!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the meeting it is about, if any' })
  meetingId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'when the caller read it; null while unread' })
  readAt!: string | null;
}

export class NotificationListResponse extends PageOf(NotificationDto) {
  @ApiProperty({ description: "the caller's unread notifications in all" }) unread!: number;
}

export class UnreadCountResponse {
  @ApiProperty() unread!: number;
}

export class NotificationReadResponse {
  @ApiProperty() id!: string;
  @ApiProperty() readAt!: string;
}

export class FailedDeliveryDto {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() recipientRole!: string;
  @ApiProperty() recipientOrg!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) recipientAddress!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "the referral it was about; null when that referral is another region's (need-to-know)",
  })
  referralId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'the last error the SMTP server or the sender gave' }) reason!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() failedAt!: string;
}

export class FailedDeliveryListResponse extends PageOf(FailedDeliveryDto) {}

export class DeliveryCountsDto {
  @ApiProperty() pending!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() failed!: number;
}

export class DeliveryReportResponse {
  @ApiProperty() region!: string;
  @ApiProperty({ type: DeliveryCountsDto }) total!: DeliveryCountsDto;
  @ApiProperty({ description: 'counts per notification kind', type: 'object', additionalProperties: true })
  byKind!: Record<string, DeliveryCountsDto>;
}
