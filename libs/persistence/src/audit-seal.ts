import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** The prev_hash of the first row in the chain. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** What one seal commits to: its batch of chain positions and the head, signed together. */
export interface AuditSealFields {
  id: string;
  firstSeq: string;
  lastSeq: string;
  head: string;
  uptoTxid: string;
}

const sealMessage = (seal: AuditSealFields): string =>
  [seal.id, seal.firstSeq, seal.lastSeq, seal.head, seal.uptoTxid].join('|');

/** HMAC-SHA256 of a seal under AUDIT_SEAL_KEY: without the key, a rewritten chain cannot be re-sealed. */
export function sealSignature(key: string, seal: AuditSealFields): string {
  return createHmac('sha256', key).update(sealMessage(seal)).digest('hex');
}

export function sealSignatureValid(key: string, seal: AuditSealFields, signature: string): boolean {
  const expected = Buffer.from(sealSignature(key, seal), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A chain row's hash: its position, its content (audit_log_row_content) and the previous hash. */
export const chainHash = (seq: string, content: string, prevHash: string): string =>
  createHash('sha256').update(`${seq}|${content}|${prevHash}`, 'utf8').digest('hex');

export interface SealResult {
  /** Rows chained by this call. */
  rows: number;
  /** False when the batch was capped at maxRows and more rows are waiting. */
  complete: boolean;
}

interface LastSeal {
  id: string;
  last_seq: string;
  head: string;
  upto_txid: string;
}

/**
 * Chains and signs the audit rows appended since the last seal, in id order, in one transaction: appends never
 * wait for this. Ids are taken at insert but commit in any order, so a batch takes only rows of transactions
 * older than every transaction still running (pg_snapshot_xmin of its snapshot): the set of such rows can no
 * longer grow, and a row whose transaction commits late is sealed in a later batch, never skipped. Run by one
 * sealer; a second one at the same moment fails on the seal's and the chain's keys and changes nothing.
 */
export async function sealAuditBatch(dataSource: DataSource, key: string, maxRows: number): Promise<SealResult> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const [{ xmin }] = await manager.query<{ xmin: string }[]>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
    );
    const [last] = await manager.query<LastSeal[]>(
      // Ordered by the column, not the text output of the same name (as text, seal 9 came after seal 10).
      `SELECT s.id::text AS id, s.last_seq::text AS last_seq, s.head, s.upto_txid::text AS upto_txid
         FROM audit_seals s ORDER BY s.id DESC LIMIT 1`,
    );
    const from = last?.upto_txid ?? '0';
    const rows = await manager.query<{ id: string; content: string }[]>(
      `SELECT a.id::text, audit_log_row_content(a) AS content FROM audit_log a
        WHERE a.txid >= $1::xid8 AND a.txid < $2::xid8
          AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.id = a.id)
        ORDER BY a.id LIMIT $3`,
      [from, xmin, maxRows],
    );
    if (rows.length === 0) return { rows: 0, complete: true };
    const complete = rows.length < maxRows;
    const firstSeq = BigInt(last?.last_seq ?? '0') + 1n;
    let prevHash = last?.head ?? AUDIT_GENESIS;
    const seqs: string[] = [];
    const prevHashes: string[] = [];
    const hashes: string[] = [];
    rows.forEach((row, index) => {
      const seq = (firstSeq + BigInt(index)).toString();
      const hash = chainHash(seq, row.content, prevHash);
      seqs.push(seq);
      prevHashes.push(prevHash);
      hashes.push(hash);
      prevHash = hash;
    });
    await manager.query(
      `INSERT INTO audit_chain (seq, id, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])`,
      [seqs, rows.map((row) => row.id), prevHashes, hashes],
    );
    const seal: AuditSealFields = {
      id: (BigInt(last?.id ?? '0') + 1n).toString(),
      firstSeq: seqs[0],
      lastSeq: seqs[seqs.length - 1],
      head: prevHash,
      // A capped batch has not taken every row below xmin yet: the next one starts from the same place.
      uptoTxid: complete ? xmin : from,
    };
    await manager.query(
      `INSERT INTO audit_seals (id, first_seq, last_seq, head, upto_txid, signature)
       VALUES ($1, $2, $3, $4, $5::xid8, $6)`,
      [seal.id, seal.firstSeq, seal.lastSeq, seal.head, seal.uptoTxid, sealSignature(key, seal)],
    );
    return { rows: rows.length, complete };
  });
}
