import type { EntityManager } from 'typeorm';
import { AUDIT_GENESIS, sealSignatureValid } from './audit-seal';

export type AuditBreakReason =
  /** A chained row's content no longer matches its hash (edited, or moved to another position). */
  | 'CONTENT_CHANGED'
  /** A chain link no longer holds: a chained row (with its chain entry) was deleted or the order changed. */
  | 'CHAIN_BROKEN'
  /** A chain entry whose audit row is gone. */
  | 'ROW_MISSING'
  /** A seal whose signature, head or place in the sequence of seals does not hold. */
  | 'SEAL_INVALID'
  /** A row or chain entry where the sealer would have sealed it, but no seal covers it. */
  | 'NOT_SEALED';

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** The first break: an audit row id (for SEAL_INVALID, the row at the seal's head). */
  firstBreak?: { id: string; reason: AuditBreakReason };
  /** The last seal's head: kept elsewhere, it proves later that nothing was cut from the end. */
  head: string | null;
  seals: number;
  lastSealedAt: string | null;
  /** Rows appended but not yet chained by the sealer (normally the last few seconds' worth). */
  unsealed: { rows: number; oldestAt: string | null };
}

interface ChainCheck {
  rows: number;
  break_id: string | null;
  break_reason: AuditBreakReason | null;
  unsealed: number;
  unsealed_oldest: Date | null;
  chain_end: string | null;
}

interface SealRow {
  id: string;
  first_seq: string;
  last_seq: string;
  head: string;
  upto_txid: string;
  sealed_at: Date;
  signature: string;
  chain_hash: string | null;
  row_id: string | null;
}

/**
 * Recomputes the chain in one pass in the database: each entry's hash must be the hash of its position, its
 * row's content (which includes the row's id) and the previous hash, and its prev_hash the previous entry's
 * hash. Rows not yet chained are the unsealed tail, unless they are older than the last seal's transaction
 * horizon (then they were slipped in behind the sealer).
 */
async function checkChain(manager: EntityManager): Promise<ChainCheck> {
  const [result] = await manager.query<ChainCheck[]>(
    `WITH chain AS (
       SELECT c.seq, c.id, a.id IS NULL AS row_missing,
              c.hash <> encode(sha256(convert_to(c.seq::text || '|' || audit_log_row_content(a) || '|' || c.prev_hash,
                'UTF8')), 'hex') AS content_changed,
              c.prev_hash <> coalesce(lag(c.hash) OVER (ORDER BY c.seq), $1) AS chain_broken
         FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.id
     ), first_break AS (
       SELECT id, CASE WHEN row_missing THEN 'ROW_MISSING' WHEN content_changed THEN 'CONTENT_CHANGED'
                            ELSE 'CHAIN_BROKEN' END AS reason
         FROM chain WHERE row_missing OR content_changed OR chain_broken ORDER BY seq LIMIT 1
     ), unchained AS (
       SELECT a.id, a.at, a.txid FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.id = a.id)
     ), behind_sealer AS (
       SELECT min(id) AS id FROM unchained
        WHERE txid < (SELECT upto_txid FROM audit_seals ORDER BY id DESC LIMIT 1)
     )
     SELECT (SELECT count(*)::int FROM audit_log) AS rows,
            coalesce((SELECT id::text FROM first_break), (SELECT id::text FROM behind_sealer)) AS break_id,
            coalesce((SELECT reason FROM first_break),
                     (SELECT 'NOT_SEALED' FROM behind_sealer WHERE id IS NOT NULL)) AS break_reason,
            (SELECT count(*)::int FROM unchained) AS unsealed,
            (SELECT min(at) FROM unchained) AS unsealed_oldest,
            (SELECT max(seq)::text FROM audit_chain) AS chain_end`,
    [AUDIT_GENESIS],
  );
  return result;
}

/** Each seal in turn: numbered 1, 2, 3..., contiguous batches, its head the chain's hash there, signed with the key. */
function firstBadSeal(seals: readonly SealRow[], key: string): SealRow | undefined {
  let expectedFirst = 1n;
  return seals.find((seal, index) => {
    const bad =
      seal.id !== String(index + 1) ||
      BigInt(seal.first_seq) !== expectedFirst ||
      seal.chain_hash !== seal.head ||
      !sealSignatureValid(
        key,
        { id: seal.id, firstSeq: seal.first_seq, lastSeq: seal.last_seq, head: seal.head, uptoTxid: seal.upto_txid },
        seal.signature,
      );
    expectedFirst = BigInt(seal.last_seq) + 1n;
    return bad;
  });
}

const chainBreak = (chain: ChainCheck): AuditVerification['firstBreak'] =>
  chain.break_id !== null && chain.break_reason !== null
    ? { id: chain.break_id, reason: chain.break_reason }
    : undefined;

/** A chain entry past the last seal: the sealer writes entries and their seal together, so only an insider could. */
async function unsealedEntry(
  manager: EntityManager,
  chain: ChainCheck,
  sealedEnd: bigint,
): Promise<AuditVerification['firstBreak']> {
  if (chain.chain_end === null || BigInt(chain.chain_end) <= sealedEnd) return undefined;
  const [entry] = await manager.query<{ id: string }[]>(
    `SELECT id::text FROM audit_chain WHERE seq > $1 ORDER BY seq LIMIT 1`,
    [sealedEnd.toString()],
  );
  return { id: entry.id, reason: 'NOT_SEALED' };
}

/**
 * Verifies the audit log: the hash chain (an edited, deleted or reordered row breaks it), then every seal
 * (signed with `key`, AUDIT_SEAL_KEY: a chain rewritten consistently fails here), then that every chain entry
 * is under a seal; the first break found is reported. The unsealed tail is reported, not a break.
 */
export function verifyAuditChain(manager: EntityManager, key: string): Promise<AuditVerification> {
  // One snapshot for the chain and the seals, however the sealer moves on meanwhile.
  return manager.transaction('REPEATABLE READ', (snapshot) => verifyInSnapshot(snapshot, key));
}

async function verifyInSnapshot(manager: EntityManager, key: string): Promise<AuditVerification> {
  const chain = await checkChain(manager);
  const seals = await manager.query<SealRow[]>(
    `SELECT s.id::text, s.first_seq::text, s.last_seq::text, s.head, s.upto_txid::text, s.sealed_at, s.signature,
            c.hash AS chain_hash, c.id::text AS row_id
       FROM audit_seals s LEFT JOIN audit_chain c ON c.seq = s.last_seq ORDER BY s.id`,
  );
  const lastSeal = seals.at(-1);
  const badSeal = firstBadSeal(seals, key);
  const sealedEnd = BigInt(lastSeal?.last_seq ?? '0');
  const firstBreak =
    chainBreak(chain) ??
    (badSeal ? { id: badSeal.row_id ?? '', reason: 'SEAL_INVALID' as const } : undefined) ??
    (await unsealedEntry(manager, chain, sealedEnd));
  return {
    ok: firstBreak === undefined,
    rows: chain.rows,
    ...(firstBreak ? { firstBreak: { id: firstBreak.id, reason: firstBreak.reason } } : {}),
    head: lastSeal?.head ?? null,
    seals: seals.length,
    lastSealedAt: lastSeal?.sealed_at.toISOString() ?? null,
    unsealed: { rows: chain.unsealed, oldestAt: chain.unsealed_oldest?.toISOString() ?? null },
  };
}
