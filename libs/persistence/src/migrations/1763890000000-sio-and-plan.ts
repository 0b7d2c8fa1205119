import { MigrationInterface, QueryRunner } from 'typeorm';

/** The migration's one script (a constant keeps `up` within the 80-line limit). */
const SIO_AND_PLAN_TABLES = `
      CREATE TABLE officers (
        sub text PRIMARY KEY,
        name text NOT NULL,
        org text NOT NULL REFERENCES organisations (code),
        region text NOT NULL REFERENCES regions (code),
        role text NOT NULL CHECK (role IN ('SIO', 'LRO')),
        specialisms text[] NOT NULL,
        vetting text NOT NULL CHECK (vetting IN ('RV', 'MV', 'SC', 'DV')),
        capacity integer NOT NULL CHECK (capacity > 0)
      );
      CREATE INDEX officers_region_role ON officers (region, role);

      ALTER TABLE referrals
        ADD COLUMN sio_sub text NULL,
        ADD COLUMN sio_name text NULL,
        ADD COLUMN lro_sub text NULL,
        ADD COLUMN lro_name text NULL,
        ADD COLUMN closure_outcome text NULL,
        ADD COLUMN closed_at timestamptz NULL,
        ADD COLUMN reassessment_due boolean NOT NULL DEFAULT false;
      CREATE INDEX referrals_sio_active ON referrals (sio_sub) WHERE status IN ('SIO_ALLOCATED', 'ACTIVE');

      CREATE TABLE sio_allocations (
        referral_id uuid PRIMARY KEY REFERENCES referrals (id),
        officer_sub text NOT NULL,
        officer_name text NOT NULL,
        justification text NOT NULL,
        conflict_declaration jsonb NOT NULL,
        allocated_by_sub text NOT NULL,
        allocated_at timestamptz NOT NULL
      );

      CREATE TABLE conflict_declarations (
        referral_id uuid NOT NULL REFERENCES referrals (id),
        officer_sub text NOT NULL,
        officer_name text NOT NULL,
        details text NULL,
        recorded_by_sub text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (referral_id, officer_sub)
      );

      CREATE TABLE plans (
        referral_id uuid PRIMARY KEY REFERENCES referrals (id),
        region text NOT NULL,
        sio_sub text NOT NULL,
        sio_name text NOT NULL,
        lro_sub text NOT NULL,
        lro_name text NOT NULL,
        lro_org text NOT NULL,
        started_at timestamptz NOT NULL,
        next_review_due_at timestamptz NOT NULL,
        last_seq integer NOT NULL DEFAULT 0,
        closed_at timestamptz NULL
      );
      CREATE INDEX plans_region ON plans (region);

      -- The plan's journal: one row per change, (referral_id, seq) keeps projection idempotent.
      CREATE TABLE plan_changes (
        referral_id uuid NOT NULL REFERENCES plans (referral_id),
        seq integer NOT NULL,
        kind text NOT NULL,
        actor_sub text NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (referral_id, seq)
      );

      CREATE TABLE plan_actions (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES plans (referral_id),
        pillar text NOT NULL CHECK (pillar IN ('PURSUE', 'PREVENT', 'PROTECT', 'PREPARE')),
        description text NOT NULL,
        owner_org text NOT NULL,
        owner_name text NOT NULL,
        partners text[] NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL,
        outcome text NULL,
        version integer NOT NULL,
        created_by_sub text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX plan_actions_referral ON plan_actions (referral_id, created_at);

      CREATE TABLE plan_disruptions (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES plans (referral_id),
        pillar text NOT NULL CHECK (pillar IN ('PURSUE', 'PREVENT', 'PROTECT', 'PREPARE')),
        significance text NOT NULL CHECK (significance IN ('MAJOR', 'MODERATE', 'MINOR')),
        description text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_by_sub text NOT NULL,
        recorded_at timestamptz NOT NULL
      );
      CREATE INDEX plan_disruptions_referral ON plan_disruptions (referral_id, occurred_at);

      CREATE TABLE plan_reviews (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES plans (referral_id),
        opened_at timestamptz NOT NULL,
        signatures jsonb NOT NULL,
        completed_at timestamptz NULL
      );
      CREATE INDEX plan_reviews_referral ON plan_reviews (referral_id, opened_at);

      CREATE TABLE plan_missed_reviews (
        referral_id uuid NOT NULL REFERENCES plans (referral_id),
        due_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (referral_id, due_at)
      );
`;

/** Officers, SIO allocation with conflict declarations, and the 4P plan's read model. */
export class SioAndPlan1763890000000 implements MigrationInterface {
  name = 'SioAndPlan1763890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(SIO_AND_PLAN_TABLES);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE plan_missed_reviews, plan_reviews, plan_disruptions, plan_actions, plan_changes, plans;
      DROP TABLE conflict_declarations, sio_allocations;
      DROP INDEX referrals_sio_active;
      ALTER TABLE referrals DROP COLUMN sio_sub, DROP COLUMN sio_name, DROP COLUMN lro_sub, DROP COLUMN lro_name,
        DROP COLUMN closure_outcome, DROP COLUMN closed_at, DROP COLUMN reassessment_due;
      DROP TABLE officers;
    `);
  }
}
