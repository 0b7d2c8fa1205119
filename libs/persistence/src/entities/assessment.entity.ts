import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ScoreBreakdown } from '@rocu/domain';

/** Immutable: re-scoring inserts another row, so the history of scores is kept. */
@Entity('assessments')
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'referral_id' }) referralId!: string;
  @Column('integer') seq!: number;
  @Column('text', { name: 'scheme_id' }) schemeId!: string;
  @Column('integer', { name: 'scheme_version' }) schemeVersion!: number;
  @Column('jsonb') input!: unknown;
  @Column('numeric', { name: 'risk_score' }) riskScore!: string;
  @Column('text') priority!: string;
  @Column('jsonb') breakdown!: ScoreBreakdown;
  @Column('text') confidence!: string;
  @Column('text', { name: 'organisational_position_grade' }) organisationalPositionGrade!: string;
  @Column('jsonb') recommendations!: string[];
  @Column('text') route!: string;
  @Column('jsonb') rationale!: Record<string, string>;
  @Column('text', { name: 'assessed_by_sub' }) assessedBySub!: string;
  @Column('text', { name: 'assessed_by_name' }) assessedByName!: string;
  @Column('timestamptz', { name: 'assessed_at' }) assessedAt!: Date;
}
