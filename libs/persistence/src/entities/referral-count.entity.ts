import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many referrals share a region, owning organisation, status, urgency and national priority; kept by triggers on `referrals`
 * (migration ReferralCounts1764800000000), read for list totals. Same column names as `referrals`, so the
 * need-to-know scopes apply to it unchanged.
 */
@Entity('referral_counts')
export class ReferralCountEntity {
  @PrimaryColumn('text') region!: string;
  @PrimaryColumn('text', { name: 'owner_org' }) ownerOrg!: string;
  @PrimaryColumn('text') status!: string;
  @PrimaryColumn('text') urgency!: string;
  /** '' when the referrals are aligned to no national priority. */
  @PrimaryColumn('text', { name: 'national_priority' }) nationalPriority!: string;
  @Column('bigint') n!: string;
}
