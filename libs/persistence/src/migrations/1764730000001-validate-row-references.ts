import { MigrationInterface, QueryRunner } from 'typeorm';
import { ROW_REFERENCES } from './1764730000000-row-references';

/**
 * Checks the existing rows against the foreign keys the previous migration declared. `VALIDATE CONSTRAINT`
 * takes a SHARE UPDATE EXCLUSIVE lock, so reads and writes carry on while the table is scanned; each runs
 * in its own transaction (`transaction = false` here) so one table's lock is not held while the next is
 * scanned.
 */
export class ValidateRowReferences1764730000001 implements MigrationInterface {
  name = 'ValidateRowReferences1764730000001';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const { table, constraint } of ROW_REFERENCES) {
      await q.query(`ALTER TABLE ${table} VALIDATE CONSTRAINT ${constraint}`);
    }
  }

  /** A validated key cannot be marked not valid again: recreate each `NOT VALID`, as the previous migration left it. */
  async down(q: QueryRunner): Promise<void> {
    for (const { table, constraint, references } of ROW_REFERENCES) {
      await q.query(`
        BEGIN;
        ALTER TABLE ${table} DROP CONSTRAINT ${constraint};
        ALTER TABLE ${table} ADD CONSTRAINT ${constraint} FOREIGN KEY ${references} NOT VALID;
        COMMIT;`);
    }
  }
}
