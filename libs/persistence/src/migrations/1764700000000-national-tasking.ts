import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NCA tasking requests (issue 16): the national priorities the NCA maintains (seeded with the SOC threats it
 * sets nationally; retired ones are kept so old referrals still name them), the priority a referral is aligned
 * to and where it came from, and the justification a meeting gives for declining a tasking request.
 */
export class NationalTasking1764700000000 implements MigrationInterface {
  name = 'NationalTasking1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE national_priorities (
        code text PRIMARY KEY,
        title text NOT NULL,
        description text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by_sub text NOT NULL,
        retired_at timestamptz NULL,
        retired_by_sub text NULL
      );
      INSERT INTO national_priorities (code, title, created_by_sub) VALUES
        ('COUNTY_LINES', 'County lines drug supply', 'seed'),
        ('FIREARMS', 'Illegal firearms', 'seed'),
        ('CSEA', 'Child sexual exploitation and abuse', 'seed'),
        ('OIC_MSHT', 'Organised immigration crime, modern slavery and human trafficking', 'seed'),
        ('ECONOMIC_CRIME', 'Fraud, money laundering and other economic crime', 'seed'),
        ('CYBER', 'Cyber-crime', 'seed');
      ALTER TABLE referrals ADD COLUMN origin text NOT NULL DEFAULT 'REFERRAL'
        CHECK (origin IN ('REFERRAL', 'NCA_TASKING'));
      ALTER TABLE referrals ADD COLUMN national_priority text NULL REFERENCES national_priorities (code);
      CREATE INDEX referrals_national_priority_idx ON referrals (region, national_priority) WHERE national_priority IS NOT NULL;
      ALTER TABLE meeting_decisions ADD COLUMN decline_justification text NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE meeting_decisions DROP COLUMN decline_justification;
      DROP INDEX referrals_national_priority_idx;
      ALTER TABLE referrals DROP COLUMN national_priority;
      ALTER TABLE referrals DROP COLUMN origin;
      DROP TABLE national_priorities;
    `);
  }
}
