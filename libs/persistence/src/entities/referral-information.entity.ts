import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('referral_information')
export class ReferralInformationEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' }) referralId!: string;
  @PrimaryColumn('integer') seq!: number;
  @Column('text') kind!: 'REQUEST' | 'RESPONSE';
  @Column('text') text!: string;
  @Column('text', { name: 'actor_sub' }) actorSub!: string;
  @Column('text', { name: 'actor_org' }) actorOrg!: string;
  @Column('timestamptz') at!: Date;
}
