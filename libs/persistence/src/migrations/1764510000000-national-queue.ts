import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The NCA's national queue (issue 16): when a referral was sent national and its answer is due (cleared when
 * the NCA answers), and, once the NCA accepts it, the NCA's reference and when.
 */
export class NationalQueue1764510000000 implements MigrationInterface {
  name = 'NationalQueue1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referrals ADD COLUMN national_referred_at timestamptz NULL;
      ALTER TABLE referrals ADD COLUMN national_due_at timestamptz NULL;
      ALTER TABLE referrals ADD COLUMN national_reference text NULL;
      ALTER TABLE referrals ADD COLUMN national_accepted_at timestamptz NULL;
      CREATE INDEX referrals_national_queue_idx ON referrals (national_due_at) WHERE national_due_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX referrals_national_queue_idx;
      ALTER TABLE referrals DROP COLUMN national_accepted_at;
      ALTER TABLE referrals DROP COLUMN national_reference;
      ALTER TABLE referrals DROP COLUMN national_due_at;
      ALTER TABLE referrals DROP COLUMN national_referred_at;
    `);
  }
}
