import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Outbox: each row is e-mailed by its delivery workflow (PENDING until SENT or FAILED) and shown in the inbox. */
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
  /** When the SMTP server accepted it (status SENT). */
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
  @Column('text') status!: 'PENDING' | 'SENT' | 'FAILED';
  @Column('timestamptz', { name: 'dispatched_at', nullable: true }) dispatchedAt!: Date | null;
  @Column('int') attempts!: number;
  @Column('text', { name: 'recipient_address', nullable: true }) recipientAddress!: string | null;
  @Column('text', { name: 'message_id', nullable: true }) messageId!: string | null;
  @Column('text', { name: 'smtp_response', nullable: true }) smtpResponse!: string | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'failed_at', nullable: true }) failedAt!: Date | null;
}
