/**
 * The audit chain as the initial schema kept it (until AuditSealing1764500000000): each row hashed with the
 * previous row's hash by an insert trigger that serialises inserts with an advisory lock. Shared by the
 * initial schema and AuditSealing's down(), which restores it.
 */
export const TRIGGER_CHAINED_AUDIT = `
  CREATE FUNCTION audit_log_row_content(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws('|', r.id::text, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
      r.actor_sub, coalesce(r.actor_org, ''), r.action, r.entity_type, coalesce(r.entity_id, ''), r.outcome,
      coalesce(r.correlation_id, ''), coalesce(r.justification, ''), r.details::text, r.prev_hash)
  $$;

  CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(7262810);
    NEW.id := nextval('audit_log_id_seq');
    NEW.at := coalesce(NEW.at, clock_timestamp());
    NEW.prev_hash := coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), repeat('0', 64));
    NEW.hash := encode(sha256(convert_to(audit_log_row_content(NEW), 'UTF8')), 'hex');
    RETURN NEW;
  END $$;
  CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
`;
