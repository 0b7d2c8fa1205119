import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mutual aid (issue 16): one ROCU's manager asks another region for an SIO or a capability for a live tasking;
 * the lending region's manager approves or refuses it. An allocation that relies on a loan names it.
 */
export class MutualAid1764710000000 implements MigrationInterface {
  name = 'MutualAid1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mutual_aid_requests (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referrals (id),
        borrowing_region text NOT NULL,
        lending_region text NOT NULL CHECK (lending_region <> borrowing_region),
        kind text NOT NULL CHECK (kind IN ('SIO', 'CAPABILITY')),
        capability text NULL CHECK ((kind = 'CAPABILITY') = (capability IS NOT NULL)),
        reason text NOT NULL,
        state text NOT NULL CHECK (state IN ('REQUESTED', 'APPROVED', 'REFUSED', 'WITHDRAWN')),
        requested_by_sub text NOT NULL,
        requested_by_name text NOT NULL,
        requested_at timestamptz NOT NULL,
        officer_sub text NULL,
        officer_name text NULL,
        decided_by_sub text NULL,
        decided_at timestamptz NULL,
        decision_reason text NULL,
        CHECK (state <> 'APPROVED' OR kind <> 'SIO' OR officer_sub IS NOT NULL)
      );
      CREATE INDEX mutual_aid_requests_borrowing ON mutual_aid_requests (borrowing_region, requested_at DESC);
      CREATE INDEX mutual_aid_requests_lending ON mutual_aid_requests (lending_region, requested_at DESC);
      CREATE INDEX mutual_aid_requests_referral ON mutual_aid_requests (referral_id);
      ALTER TABLE sio_allocations ADD COLUMN mutual_aid_request_id uuid NULL REFERENCES mutual_aid_requests (id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sio_allocations DROP COLUMN mutual_aid_request_id;
      DROP TABLE mutual_aid_requests;
    `);
  }
}
