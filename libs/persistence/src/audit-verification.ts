import type { EntityManager } from 'typeorm';

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** The first row whose hash does not match its content or whose link to the previous row is broken. */
  firstBreak?: { id: string; reason: 'CONTENT_CHANGED' | 'CHAIN_BROKEN' };
  /** The hash of the last row: kept elsewhere, it proves later that nothing was cut from the end. */
  head: string | null;
}

const GENESIS = '0'.repeat(64);

/**
 * Recomputes the audit hash chain in one pass in the database: each row's hash must be the hash of its
 * content (which includes its id and the previous hash), and its prev_hash must be the previous row's hash.
 * A modified row breaks its own hash; a deleted or reordered row breaks the link after it.
 */
export async function verifyAuditChain(manager: EntityManager): Promise<AuditVerification> {
  const [result] = await manager.query<
    { rows: number; break_id: string | null; break_reason: string | null; head: string | null }[]
  >(
    `WITH chain AS (
       SELECT a.id, a.hash,
              a.hash <> encode(sha256(convert_to(audit_log_row_content(a), 'UTF8')), 'hex') AS content_changed,
              a.prev_hash <> coalesce(lag(a.hash) OVER (ORDER BY a.id), $1) AS chain_broken
         FROM audit_log a
     ), first_break AS (
       SELECT id, CASE WHEN content_changed THEN 'CONTENT_CHANGED' ELSE 'CHAIN_BROKEN' END AS reason
         FROM chain WHERE content_changed OR chain_broken ORDER BY id LIMIT 1
     )
     SELECT (SELECT count(*)::int FROM chain) AS rows,
            (SELECT id::text FROM first_break) AS break_id,
            (SELECT reason FROM first_break) AS break_reason,
            (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS head`,
    [GENESIS],
  );
  return {
    ok: result.break_id === null,
    rows: result.rows,
    ...(result.break_id
      ? { firstBreak: { id: result.break_id, reason: result.break_reason as 'CONTENT_CHANGED' | 'CHAIN_BROKEN' } }
      : {}),
    head: result.head,
  };
}
