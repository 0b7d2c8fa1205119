import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EffectiveUrgency, PARTNER_CHECK_RESULTS, REFERRAL_ORIGINS, REFERRAL_STATUSES, URGENCIES } from '@rocu/domain';
import type { ReferralListItemView, ReferralSnapshot, ReferralSummaryView } from '@rocu/contracts';
import { PageOf } from '../common/page.dto';

export class DeadlineDto {
  @ApiProperty({
    enum: ['TRIAGE', 'ASSESSMENT', 'DECISION', 'ALLOCATION'],
    description:
      'DECISION: an IMMEDIATE referral awaiting decision, due by the end of the London day (or 4 h after it awaited one, if later)',
  })
  stage!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty() remindAt!: string;
  @ApiProperty({ enum: ['PENDING', 'PAUSED', 'MET', 'BREACHED', 'CANCELLED'] }) status!: string;
  @ApiPropertyOptional() remindedAt?: string;
  @ApiPropertyOptional() escalatedAt?: string;
}

/** Why a referral is worked at its urgency: threat to life makes it IMMEDIATE in effect. */
export class UrgencyBasisDto {
  @ApiProperty({ enum: URGENCIES, description: 'the urgency the referrer chose' }) requested!: string;
  @ApiProperty({ enum: ['AS_REQUESTED', 'THREAT_TO_LIFE'] }) reason!: string;
  @ApiProperty({ example: 'submitted as ROUTINE with a threat to life, so worked as IMMEDIATE' }) explanation!: string;
}

export const urgencyView = (effective: EffectiveUrgency): { urgency: string; urgencyBasis: UrgencyBasisDto } => ({
  urgency: effective.urgency,
  urgencyBasis: { requested: effective.requested, reason: effective.reason, explanation: effective.explanation },
});

export class SubmitReferralResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'YHROCU-2026-000001' }) reference!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiProperty({ enum: URGENCIES, description: 'the effective urgency (see urgencyBasis)' }) urgency!: string;
  @ApiProperty({ type: UrgencyBasisDto }) urgencyBasis!: UrgencyBasisDto;
  @ApiProperty() region!: string;
  @ApiProperty({ type: [DeadlineDto] }) deadlines!: DeadlineDto[];
}

export class ReferralSummaryDto implements ReferralSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiProperty({ enum: URGENCIES }) urgency!: string;
  @ApiProperty() region!: string;
  @ApiProperty() ownerOrg!: string;
  @ApiProperty() classification!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty() subjectName!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) priority!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) riskScore!: number | null;
  @ApiProperty() submittedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) nextDeadlineAt!: string | null;
}

export class ReferralListItemDto extends ReferralSummaryDto implements ReferralListItemView {
  @ApiPropertyOptional({
    description:
      'de-confliction: another referral overlaps this one (see the detail); only for ROCU staff of its region',
  })
  deconflicted?: boolean;
}

export class ReferralListResponse extends PageOf(ReferralListItemDto) {}

export class HistoryEntryDto {
  @ApiProperty() seq!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) from!: string | null;
  @ApiProperty() to!: string;
  @ApiProperty() action!: string;
  @ApiProperty() actor!: { sub: string; name: string; org: string };
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiPropertyOptional({ description: 'time spent in the status this entry entered, until the next entry (or now)' })
  durationMs!: number;
}

export class AssessmentViewDto {
  @ApiProperty() riskScore!: number;
  @ApiProperty() priority!: string;
  @ApiProperty() breakdown!: object;
  @ApiProperty() scheme!: { id: string; version: number };
  @ApiProperty() confidence!: string;
  @ApiProperty() organisationalPositionGrade!: string;
  @ApiProperty({ type: [String] }) recommendations!: string[];
  @ApiProperty() route!: string;
  @ApiProperty() rationale!: Record<string, string>;
  @ApiProperty() input!: object;
  @ApiProperty() assessedBy!: { sub: string; name: string };
  @ApiProperty() assessedAt!: string;
  @ApiProperty({ description: 'how many assessments this referral has had (re-scoring adds one)' }) version!: number;
}

export class InformationEntryDto {
  @ApiProperty({ enum: ['REQUEST', 'RESPONSE'] }) kind!: string;
  @ApiPropertyOptional({
    description:
      "left out of a force's answer (RESPONSE) when the read withholds OFFICIAL-SENSITIVE detail (see withheld)",
  })
  text?: string;
  @ApiProperty() actor!: { sub: string; org: string };
  @ApiProperty() at!: string;
}

export class LinkedReferralDto {
  @ApiProperty() referralId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() region!: string;
  @ApiProperty({ enum: ['SUBJECT_REF', 'NOMINAL'] }) basis!: string;
  @ApiProperty() matchedValue!: string;
}

export class PersonRefDto {
  @ApiProperty() sub!: string;
  @ApiProperty() name!: string;
}

/** A partner-agency check recorded by the GAIN co-ordinator, as the gateway team and the meeting see it. */
export class PartnerCheckViewDto {
  @ApiProperty({ example: 'HMRC' }) agency!: string;
  @ApiProperty({ example: '2026-11-02' }) requestedOn!: string;
  @ApiProperty({ enum: PARTNER_CHECK_RESULTS }) result!: string;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty({ example: '2026-11-04' }) checkedOn!: string;
  @ApiProperty({ type: PersonRefDto }) recordedBy!: PersonRefDto;
  @ApiProperty() recordedAt!: string;
}

/** A referral sent national, in the NCA's queue or answered. */
export class NationalViewDto {
  @ApiProperty() referredAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the NCA's answer is due; null once answered" })
  responseDueAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the NCA's reference once it accepted" })
  reference!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) acceptedAt!: string | null;
}

/** After adoption: who runs the tasking, and how it ended. */
export class TaskingDto {
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) sio!: PersonRefDto | null;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) lro!: PersonRefDto | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closureOutcome!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ description: 'closing prompts a re-assessment of the subject; true until it is re-scored' })
  reassessmentDue!: boolean;
  @ApiProperty({
    description:
      'an urgent out-of-meeting decision awaits ratification at the next meeting; the tasking closes only after it',
  })
  ratificationPending!: boolean;
}

/** One assessment in a referral's score history (newest first). */
export class AssessmentHistoryEntryDto {
  @ApiProperty() version!: number;
  @ApiProperty() riskScore!: number;
  @ApiProperty() priority!: string;
  @ApiProperty() scheme!: { id: string; version: number };
  @ApiProperty() confidence!: string;
  @ApiProperty() route!: string;
  @ApiProperty() assessedBy!: { sub: string; name: string };
  @ApiProperty() assessedAt!: string;
}

export class ReferralDetailDto extends ReferralSummaryDto {
  @ApiProperty({ type: UrgencyBasisDto }) urgencyBasis!: UrgencyBasisDto;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the NCA or partner reference once referred on' })
  onwardReference!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the partner agency a GAIN disposal sent it to' })
  disposedTo!: string | null;
  @ApiPropertyOptional({ type: NationalViewDto, nullable: true, description: 'sent national: the NCA queue' })
  national!: NationalViewDto | null;
  @ApiProperty({ enum: REFERRAL_ORIGINS, description: 'NCA_TASKING: a tasking request the NCA made' })
  origin!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the national priority it is aligned to' })
  nationalPriority!: string | null;
  @ApiProperty({ description: 'the submission; OFFICIAL-SENSITIVE detail only with an access justification' })
  submission!: object;
  @ApiPropertyOptional({ description: 'what was withheld for lack of an access justification, and how to ask' })
  withheld?: { fields: string[]; howToAccess: string };
  @ApiProperty() submittedBy!: { sub: string; name: string };
  @ApiProperty() pausedMs!: number;
  @ApiProperty({ type: [DeadlineDto] }) deadlines!: DeadlineDto[];
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
  @ApiPropertyOptional({ type: AssessmentViewDto, nullable: true }) assessment!: AssessmentViewDto | null;
  @ApiProperty({
    type: [AssessmentHistoryEntryDto],
    description: 'every assessment, newest first (re-scoring adds one)',
  })
  assessmentHistory!: AssessmentHistoryEntryDto[];
  @ApiProperty({ type: [InformationEntryDto] }) information!: InformationEntryDto[];
  @ApiPropertyOptional({
    type: [LinkedReferralDto],
    description: 'de-confliction links; shown to the gateway team only, never to the referrer',
  })
  deconfliction?: LinkedReferralDto[];
  @ApiPropertyOptional({
    type: [PartnerCheckViewDto],
    description: "the GAIN co-ordinator's partner-agency checks; shown to the gateway team only, never to the referrer",
  })
  partnerChecks?: PartnerCheckViewDto[];
  @ApiProperty({ type: TaskingDto }) tasking!: TaskingDto;
  @ApiProperty({ type: [String] }) availableActions!: string[];
}

export class AssessmentResultDto {
  @ApiProperty() riskScore!: number;
  @ApiProperty() priority!: string;
  @ApiProperty() breakdown!: object;
  @ApiProperty() scheme!: { id: string; version: number };
  @ApiProperty() organisationalPosition!: { total: number; grade: string };
  @ApiProperty() confidence!: string;
  @ApiProperty({ type: [String] }) recommendations!: string[];
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
}

export class ReferralStatusDto {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiProperty({ type: [DeadlineDto] }) deadlines!: DeadlineDto[];
}

/** What an action on a referral answers: its status and deadlines, straight from the workflow's snapshot. */
export const statusView = (snapshot: ReferralSnapshot): ReferralStatusDto => ({
  id: snapshot.referralId,
  reference: snapshot.reference,
  status: snapshot.status,
  deadlines: snapshot.deadlines,
});
