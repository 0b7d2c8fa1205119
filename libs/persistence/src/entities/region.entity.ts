import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('regions')
export class RegionEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('boolean', { name: 'has_rocu' }) hasRocu!: boolean;
  @Column('text', { nullable: true }) cadence!: string | null;
}
