import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('referral_history')
export class ReferralHistoryEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' }) referralId!: string;
  @PrimaryColumn('integer') seq!: number;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus!: string | null;
  @Column('text', { name: 'to_status' }) toStatus!: string;
  @Column('text') action!: string;
  @Column('text', { name: 'actor_sub' }) actorSub!: string;
  @Column('text', { name: 'actor_name' }) actorName!: string;
  @Column('text', { name: 'actor_org' }) actorOrg!: string;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('timestamptz') at!: Date;
}
