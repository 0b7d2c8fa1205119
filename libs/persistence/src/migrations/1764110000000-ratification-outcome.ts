import { MigrationInterface, QueryRunner } from 'typeorm';

/** A ratification item is RATIFIED or OVERTURNED (with the urgent decision it overturned). */
export class RatificationOutcome1764110000000 implements MigrationInterface {
  name = 'RatificationOutcome1764110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE meeting_decisions
        ADD COLUMN ratification_outcome text NULL CHECK (ratification_outcome IN ('RATIFY', 'OVERTURN')),
        ADD COLUMN overturned_decision text NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_decisions DROP COLUMN overturned_decision, DROP COLUMN ratification_outcome`);
  }
}
