import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('text') kind!: 'FORCE' | 'ROCU' | 'AGENCY';
  @Column('text', { name: 'region_code', nullable: true }) regionCode!: string | null;
}
