import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('referral_deadlines')
export class ReferralDeadlineEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' }) referralId!: string;
  @PrimaryColumn('text') stage!: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('timestamptz', { name: 'remind_at' }) remindAt!: Date;
  @Column('text') status!: string;
  @Column('timestamptz', { name: 'reminded_at', nullable: true }) remindedAt!: Date | null;
  @Column('timestamptz', { name: 'escalated_at', nullable: true }) escalatedAt!: Date | null;
}
