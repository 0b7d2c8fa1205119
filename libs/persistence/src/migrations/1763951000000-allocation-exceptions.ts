import { MigrationInterface, QueryRunner } from 'typeorm';

/** An SIO allocation records the specialism or capacity rules it set aside and the justification given. */
export class AllocationExceptions1763951000000 implements MigrationInterface {
  name = 'AllocationExceptions1763951000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sio_allocations
        ADD COLUMN rule_exceptions text[] NOT NULL DEFAULT '{}',
        ADD COLUMN exception_justification text NULL
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sio_allocations DROP COLUMN rule_exceptions, DROP COLUMN exception_justification`);
  }
}
