import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GAIN partner checks (issue 16): each check the GAIN co-ordinator records against a referral (projected from
 * its workflow, keyed by the event's sequence), and the partner agency a referral was disposed of to.
 */
export class PartnerChecks1764505000000 implements MigrationInterface {
  name = 'PartnerChecks1764505000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_checks (
        referral_id uuid NOT NULL REFERENCES referrals (id),
        seq integer NOT NULL,
        agency text NOT NULL,
        requested_on date NOT NULL,
        result text NOT NULL CHECK (result IN ('HIT', 'NO_HIT')),
        reference text NULL,
        checked_on date NOT NULL,
        recorded_by_sub text NOT NULL,
        recorded_by_name text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (referral_id, seq)
      );
      ALTER TABLE referrals ADD COLUMN partner_org text NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referrals DROP COLUMN partner_org;
      DROP TABLE partner_checks;
    `);
  }
}
