import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Idempotency-Key record a national priority was added under (null for one added without a key, or before):
 * a keyed repeat finds the priority its first request added by the key, not by its code or its author.
 */
export class PriorityCreationKey1764910000000 implements MigrationInterface {
  name = 'PriorityCreationKey1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE national_priorities ADD COLUMN created_by_key text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE national_priorities DROP COLUMN created_by_key`);
  }
}
