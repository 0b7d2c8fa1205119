import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conflict declarations become one register of people and subjects: declared when allocating an SIO or at a
 * meeting, and consulted by both (conflict-register.ts).
 */
export class ConflictRegister1763910000000 implements MigrationInterface {
  name = 'ConflictRegister1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conflict_declarations RENAME COLUMN officer_sub TO person_sub;
      ALTER TABLE conflict_declarations RENAME COLUMN officer_name TO person_name;
      ALTER TABLE conflict_declarations
        ADD COLUMN source text NOT NULL DEFAULT 'ALLOCATION' CHECK (source IN ('ALLOCATION', 'MEETING')),
        ADD COLUMN meeting_id uuid NULL;
      CREATE INDEX conflict_declarations_person ON conflict_declarations (person_sub);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX conflict_declarations_person;
      ALTER TABLE conflict_declarations DROP COLUMN meeting_id, DROP COLUMN source;
      ALTER TABLE conflict_declarations RENAME COLUMN person_name TO officer_name;
      ALTER TABLE conflict_declarations RENAME COLUMN person_sub TO officer_sub;
    `);
  }
}
