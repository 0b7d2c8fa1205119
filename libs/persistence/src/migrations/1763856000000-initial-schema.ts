import { MigrationInterface, QueryRunner } from 'typeorm';
import { TRIGGER_CHAINED_AUDIT } from './trigger-chained-audit.sql';

/** Every table but the audit log, as one script (a constant keeps `up` within the 80-line limit). */
const INITIAL_TABLES = `
      CREATE TABLE regions (
        code text PRIMARY KEY,
        name text NOT NULL,
        has_rocu boolean NOT NULL,
        cadence text NULL
      );
      CREATE TABLE organisations (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('FORCE','ROCU','AGENCY')),
        region_code text NULL REFERENCES regions(code)
      );
      CREATE TABLE code_list_entries (
        list text NOT NULL CHECK (list IN ('CAPABILITY','CRIME_TYPE')),
        code text NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (list, code)
      );
      CREATE TABLE scoring_schemes (
        id text NOT NULL,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        is_current boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, version)
      );
      CREATE UNIQUE INDEX scoring_schemes_one_current ON scoring_schemes (is_current) WHERE is_current;

      CREATE SEQUENCE referral_reference_seq;
      CREATE TABLE referrals (
        id uuid PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        workflow_id text NOT NULL UNIQUE,
        owner_org text NOT NULL,
        region text NOT NULL,
        status text NOT NULL,
        urgency text NOT NULL,
        classification text NOT NULL,
        subject_type text NOT NULL,
        subject_name text NOT NULL,
        subject_existing_ref text NULL,
        submission jsonb NOT NULL,
        submitted_by_sub text NOT NULL,
        submitted_by_name text NOT NULL,
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_seq integer NOT NULL DEFAULT 0,
        paused_ms bigint NOT NULL DEFAULT 0,
        priority text NULL,
        risk_score numeric(5,1) NULL,
        next_deadline_at timestamptz NULL,
        deconfliction_flag boolean NOT NULL DEFAULT false
      );
      CREATE INDEX referrals_region_deadline ON referrals (region, next_deadline_at NULLS LAST, submitted_at);
      CREATE INDEX referrals_owner_deadline ON referrals (owner_org, next_deadline_at NULLS LAST, submitted_at);
      CREATE INDEX referrals_status ON referrals (status);
      CREATE INDEX referrals_submitted_at ON referrals (submitted_at DESC);
      CREATE INDEX referrals_priority ON referrals (priority, risk_score DESC);
      CREATE INDEX referrals_subject_ref ON referrals (lower(subject_existing_ref)) WHERE subject_existing_ref IS NOT NULL;

      CREATE TABLE referral_nominals (
        referral_id uuid NOT NULL REFERENCES referrals(id),
        identifier text NOT NULL,
        role text NOT NULL,
        PRIMARY KEY (referral_id, identifier)
      );
      CREATE INDEX referral_nominals_identifier ON referral_nominals (lower(identifier));

      CREATE TABLE referral_history (
        referral_id uuid NOT NULL REFERENCES referrals(id),
        seq integer NOT NULL,
        from_status text NULL,
        to_status text NOT NULL,
        action text NOT NULL,
        actor_sub text NOT NULL,
        actor_name text NOT NULL,
        actor_org text NOT NULL,
        reason text NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (referral_id, seq)
      );

      CREATE TABLE referral_deadlines (
        referral_id uuid NOT NULL REFERENCES referrals(id),
        stage text NOT NULL,
        due_at timestamptz NOT NULL,
        remind_at timestamptz NOT NULL,
        status text NOT NULL,
        reminded_at timestamptz NULL,
        escalated_at timestamptz NULL,
        PRIMARY KEY (referral_id, stage)
      );

      CREATE TABLE referral_information (
        referral_id uuid NOT NULL REFERENCES referrals(id),
        seq integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('REQUEST','RESPONSE')),
        text text NOT NULL,
        actor_sub text NOT NULL,
        actor_org text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (referral_id, seq)
      );

      CREATE TABLE assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referrals(id),
        seq integer NOT NULL,
        scheme_id text NOT NULL,
        scheme_version integer NOT NULL,
        input jsonb NOT NULL,
        risk_score numeric(5,1) NOT NULL,
        priority text NOT NULL,
        breakdown jsonb NOT NULL,
        confidence text NOT NULL,
        organisational_position_grade text NOT NULL,
        recommendations jsonb NOT NULL,
        route text NOT NULL,
        rationale jsonb NOT NULL,
        assessed_by_sub text NOT NULL,
        assessed_by_name text NOT NULL,
        assessed_at timestamptz NOT NULL,
        UNIQUE (referral_id, seq)
      );

      CREATE TABLE referral_links (
        referral_id uuid NOT NULL REFERENCES referrals(id),
        linked_referral_id uuid NOT NULL REFERENCES referrals(id),
        basis text NOT NULL,
        matched_value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (referral_id, linked_referral_id, basis, matched_value)
      );

      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        dedupe_key text NOT NULL UNIQUE,
        referral_id uuid NULL REFERENCES referrals(id),
        kind text NOT NULL,
        recipient_role text NOT NULL,
        recipient_org text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL
      );
      CREATE INDEX notifications_undelivered ON notifications (created_at) WHERE delivered_at IS NULL;
      CREATE INDEX notifications_referral ON notifications (referral_id);

`;

/** Reference data, the referral projection, the notification outbox and the hash-chained audit log. */
export class InitialSchema1763856000000 implements MigrationInterface {
  name = 'InitialSchema1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(INITIAL_TABLES);

    // Append-only, hash-chained audit log. The trigger serialises inserts with an advisory lock and only then
    // takes the id, so id order is chain order even under concurrent writers.
    await q.query(`
      CREATE SEQUENCE audit_log_id_seq;
      CREATE TABLE audit_log (
        id bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_sub text NOT NULL,
        actor_org text NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NULL,
        outcome text NOT NULL,
        correlation_id text NULL,
        justification text NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        dedupe_key text NULL UNIQUE,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_log_entity ON audit_log (entity_id);
      CREATE INDEX audit_log_actor ON audit_log (actor_sub, at);

      ${TRIGGER_CHAINED_AUDIT}

      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION audit_log_row_content(audit_log);
      DROP TABLE audit_log;
      DROP FUNCTION audit_log_append_only();
      DROP FUNCTION audit_log_chain();
      DROP SEQUENCE audit_log_id_seq;
      DROP TABLE notifications, referral_links, assessments, referral_information,
        referral_deadlines, referral_history, referral_nominals, referrals;
      DROP SEQUENCE referral_reference_seq;
      DROP TABLE scoring_schemes, code_list_entries, organisations, regions;
    `);
  }
}
