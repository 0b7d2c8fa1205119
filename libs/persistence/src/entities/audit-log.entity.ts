import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only; id, at and txid are set by the database (the chain is in audit_chain, see sealAuditBatch). */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryColumn('bigint') id!: string;
  @Column('timestamptz') at!: Date;
  @Column('text', { name: 'actor_sub' }) actorSub!: string;
  @Column('text', { name: 'actor_org', nullable: true }) actorOrg!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type' }) entityType!: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('text') outcome!: string;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('text', { nullable: true }) justification!: string | null;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('text', { name: 'dedupe_key', nullable: true }) dedupeKey!: string | null;
}
