import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('code_list_entries')
export class CodeListEntryEntity {
  @PrimaryColumn('text') list!: 'CAPABILITY' | 'CRIME_TYPE';
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
}
