import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ScoringScheme } from '@rocu/domain';

@Entity('scoring_schemes')
export class ScoringSchemeEntity {
  @PrimaryColumn('text') id!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('jsonb') definition!: ScoringScheme;
  @Column('boolean', { name: 'is_current' }) isCurrent!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
