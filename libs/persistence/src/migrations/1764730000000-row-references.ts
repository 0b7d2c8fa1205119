import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rows that name another row by id or code, and had no foreign key saying so. */
export const ROW_REFERENCES = [
  {
    table: 'conflict_declarations',
    constraint: 'conflict_declarations_meeting_fk',
    references: '(meeting_id) REFERENCES meetings (id)',
  },
  { table: 'referrals', constraint: 'referrals_region_fk', references: '(region) REFERENCES regions (code)' },
];

/**
 * Declares the foreign keys `NOT VALID`: new and changed rows are checked from now on, and adding them takes
 * only a brief lock, with no scan of existing rows. The next migration validates the existing rows.
 */
export class RowReferences1764730000000 implements MigrationInterface {
  name = 'RowReferences1764730000000';

  async up(q: QueryRunner): Promise<void> {
    for (const { table, constraint, references } of ROW_REFERENCES) {
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} FOREIGN KEY ${references} NOT VALID`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table, constraint } of [...ROW_REFERENCES].reverse()) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
    }
  }
}
