import { MigrationInterface, QueryRunner } from 'typeorm';
import { TRIGGER_CHAINED_AUDIT } from './trigger-chained-audit.sql';

/** Columns the application role may give an audit row; id, at and txid are the database's own. */
const APP_INSERT_COLUMNS = `actor_sub, actor_org, action, entity_type, entity_id, outcome, correlation_id,
  justification, details, dedupe_key`;

/**
 * Audit appends without a global lock (issue 19). Appending used to take one advisory lock per row to extend
 * the hash chain, so every audited request in the country queued behind the others. Now a row is only
 * sequenced on insert (an identity id, the inserting transaction's id and a database timestamp) and chained
 * afterwards by one sealer (the worker's audit sealer workflow): it hashes each batch in id order into
 * `audit_chain` and signs the batch's head in `audit_seals` (HMAC with AUDIT_SEAL_KEY), the way Certificate
 * Transparency logs separate sequencing from integration. A batch takes only rows of transactions older than
 * every transaction still running (pg_snapshot_xmin), so a row that commits late is never skipped.
 */
export class AuditSealing1764500000000 implements MigrationInterface {
  name = 'AuditSealing1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER audit_log_chain ON audit_log;
      DROP FUNCTION audit_log_chain();
      DROP FUNCTION audit_log_row_content(audit_log);
      ALTER TABLE audit_log DROP COLUMN prev_hash, DROP COLUMN hash;
      ALTER TABLE audit_log ALTER COLUMN at SET DEFAULT clock_timestamp();
      -- Rows from before are all of finished transactions: the first batch seals them.
      ALTER TABLE audit_log ADD COLUMN txid xid8 NOT NULL DEFAULT '0';
      ALTER TABLE audit_log ALTER COLUMN txid SET DEFAULT pg_current_xact_id();
      CREATE INDEX audit_log_txid ON audit_log (txid);
      DO $$
      BEGIN
        EXECUTE format('ALTER TABLE audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (START WITH %s)',
          (SELECT coalesce(max(id), 0) + 1 FROM audit_log));
      END $$;
      DROP SEQUENCE audit_log_id_seq;

      CREATE FUNCTION audit_log_row_content(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT concat_ws('|', r.id::text, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
          r.actor_sub, coalesce(r.actor_org, ''), r.action, r.entity_type, coalesce(r.entity_id, ''), r.outcome,
          coalesce(r.correlation_id, ''), coalesce(r.justification, ''), r.details::text)
      $$;

      -- Chain position seq holds audit row id; hash = sha256(seq | row content | prev_hash).
      CREATE TABLE audit_chain (
        seq bigint PRIMARY KEY,
        id bigint NOT NULL UNIQUE,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      -- One per sealed batch (ids 1, 2, 3...): head is the hash at last_seq; every row of a transaction older
      -- than upto_txid is chained; signature is the HMAC of those fields (see audit-seal.ts).
      CREATE TABLE audit_seals (
        id bigint PRIMARY KEY,
        first_seq bigint NOT NULL,
        last_seq bigint NOT NULL,
        head text NOT NULL,
        upto_txid xid8 NOT NULL,
        sealed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        signature text NOT NULL
      );

      CREATE FUNCTION audit_chain_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$;
      CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
        FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_append_only();
      CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
        FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_append_only();

      DO $$
      BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rocu_app') THEN
          REVOKE INSERT ON audit_log FROM rocu_app;
          GRANT INSERT (${APP_INSERT_COLUMNS}) ON audit_log TO rocu_app;
          GRANT SELECT, INSERT ON audit_chain, audit_seals TO rocu_app;
          REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain, audit_seals FROM rocu_app;
        END IF;
      END $$;
    `);
  }

  /** Back to one chain kept by the insert trigger: the rows are re-chained in id order (the old chain order). */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_seals, audit_chain;
      DROP FUNCTION audit_chain_append_only();
      DROP FUNCTION audit_log_row_content(audit_log);
      DROP INDEX audit_log_txid;
      ALTER TABLE audit_log DROP COLUMN txid;
      ALTER TABLE audit_log ALTER COLUMN at DROP DEFAULT;
      ALTER TABLE audit_log ALTER COLUMN id DROP IDENTITY;
      CREATE SEQUENCE audit_log_id_seq;
      SELECT setval('audit_log_id_seq', coalesce(max(id), 0) + 1, false) FROM audit_log;
      ALTER TABLE audit_log ADD COLUMN prev_hash text, ADD COLUMN hash text;
      ${TRIGGER_CHAINED_AUDIT}

      -- Re-chain the rows with the trigger's formula, in id order (the rows keep their ids and times).
      ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
      DO $$
      DECLARE
        r audit_log;
        previous text := repeat('0', 64);
      BEGIN
        FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
          r.prev_hash := previous;
          previous := encode(sha256(convert_to(audit_log_row_content(r), 'UTF8')), 'hex');
          UPDATE audit_log SET prev_hash = r.prev_hash, hash = previous WHERE id = r.id;
        END LOOP;
      END $$;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
      ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;

      DO $$
      BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rocu_app') THEN
          REVOKE INSERT (${APP_INSERT_COLUMNS}) ON audit_log FROM rocu_app;
          GRANT INSERT ON audit_log TO rocu_app;
          GRANT USAGE, SELECT, UPDATE ON SEQUENCE audit_log_id_seq TO rocu_app;
        END IF;
      END $$;
    `);
  }
}
