import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Outbox: a later e-mail or messaging adapter drains rows where deliveredAt is null. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text', { name: 'dedupe_key' }) dedupeKey!: string;
  @Column('uuid', { name: 'referral_id', nullable: true }) referralId!: string | null;
  @Column('text') kind!: string;
  @Column('text', { name: 'recipient_role' }) recipientRole!: string;
  @Column('text', { name: 'recipient_org' }) recipientOrg!: string;
  /** Set when the notification is for one named person in that role. */
  @Column('text', { name: 'recipient_sub', nullable: true }) recipientSub!: string | null;
  @Column('jsonb') payload!: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
}
