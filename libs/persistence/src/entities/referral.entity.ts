import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferralSubmission } from '@rocu/contracts';

/** The read model of one referral, projected from its workflow; never written by the API. */
@Entity('referrals')
export class ReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') reference!: string;
  @Column('text', { name: 'workflow_id' }) workflowId!: string;
  @Column('text', { name: 'owner_org' }) ownerOrg!: string;
  @Column('text') region!: string;
  @Column('text') status!: string;
  @Column('text') urgency!: string;
  @Column('text') classification!: string;
  @Column('text', { name: 'subject_type' }) subjectType!: string;
  @Column('text', { name: 'subject_name' }) subjectName!: string;
  @Column('text', { name: 'subject_existing_ref', nullable: true }) subjectExistingRef!: string | null;
  @Column('jsonb') submission!: ReferralSubmission;
  @Column('text', { name: 'submitted_by_sub' }) submittedBySub!: string;
  @Column('text', { name: 'submitted_by_name' }) submittedByName!: string;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer', { name: 'last_seq' }) lastSeq!: number;
  @Column('bigint', { name: 'paused_ms' }) pausedMs!: string;
  @Column('text', { nullable: true }) priority!: string | null;
  @Column('numeric', { name: 'risk_score', nullable: true }) riskScore!: string | null;
  @Column('timestamptz', { name: 'next_deadline_at', nullable: true }) nextDeadlineAt!: Date | null;
  @Column('boolean', { name: 'deconfliction_flag' }) deconflictionFlag!: boolean;
  @Column('text', { name: 'onward_reference', nullable: true }) onwardReference!: string | null;
  /** The partner agency a GAIN disposal sent the referral to (its reference is the onward reference). */
  @Column('text', { name: 'partner_org', nullable: true }) partnerOrg!: string | null;
  /** Sent national: when, and when the NCA's answer is due (null once it has answered). */
  @Column('timestamptz', { name: 'national_referred_at', nullable: true }) nationalReferredAt!: Date | null;
  @Column('timestamptz', { name: 'national_due_at', nullable: true }) nationalDueAt!: Date | null;
  /** Accepted by the NCA: its reference, and when. */
  @Column('text', { name: 'national_reference', nullable: true }) nationalReference!: string | null;
  @Column('timestamptz', { name: 'national_accepted_at', nullable: true }) nationalAcceptedAt!: Date | null;
  /** An NCA tasking request (issue 16), and the national priority a referral is aligned to. */
  @Column('text') origin!: string;
  @Column('text', { name: 'national_priority', nullable: true }) nationalPriority!: string | null;
  @Column('text', { name: 'sio_sub', nullable: true }) sioSub!: string | null;
  @Column('text', { name: 'sio_name', nullable: true }) sioName!: string | null;
  @Column('text', { name: 'sio_org', nullable: true }) sioOrg!: string | null;
  @Column('text', { name: 'lro_sub', nullable: true }) lroSub!: string | null;
  @Column('text', { name: 'lro_name', nullable: true }) lroName!: string | null;
  @Column('text', { name: 'lro_org', nullable: true }) lroOrg!: string | null;
  /** An urgent out-of-meeting decision: when it was taken, and the meeting that ratified or overturned it. */
  @Column('timestamptz', { name: 'urgent_decision_at', nullable: true }) urgentDecisionAt!: Date | null;
  @Column('uuid', { name: 'ratified_in_meeting', nullable: true }) ratifiedInMeeting!: string | null;
  @Column('text', { name: 'closure_outcome', nullable: true }) closureOutcome!: string | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('boolean', { name: 'reassessment_due' }) reassessmentDue!: boolean;
}
