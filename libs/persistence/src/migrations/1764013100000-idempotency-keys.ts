import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The requests each Idempotency-Key was first used for (issue #13): a fingerprint of the request, so a
 * reuse with a different body is refused, and the outcome, so a repeat answers with it even after the
 * plan's workflow has continued as new (Temporal remembers update ids only within one run).
 */
export class IdempotencyKeys1764013100000 implements MigrationInterface {
  name = 'IdempotencyKeys1764013100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        key_id text PRIMARY KEY,
        fingerprint text NOT NULL,
        outcome jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
