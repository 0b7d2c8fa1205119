import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Key order never changes what a request means: objects are written with sorted keys. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const requestFingerprint = (request: unknown): string =>
  createHash('sha256').update(canonicalJson(request)).digest('hex');

/**
 * What a key was first used for: the same request (and its outcome once known), or a different one (with its
 * fingerprint, and whether its outcome is recorded).
 */
export type KeyClaim<T> =
  { kind: 'NEW' } | { kind: 'SAME'; outcome: T | null } | { kind: 'DIFFERENT'; fingerprint: string; settled: boolean };

/**
 * Claims `keyId` for a request with this fingerprint. The first claim wins (one INSERT), so of two concurrent
 * requests with one key and different bodies exactly one goes ahead.
 */
export async function claimIdempotencyKey<T>(
  manager: EntityManager,
  keyId: string,
  fingerprint: string,
): Promise<KeyClaim<T>> {
  const inserted = await manager.query<unknown[]>(
    `INSERT INTO idempotency_keys (key_id, fingerprint) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING RETURNING key_id`,
    [keyId, fingerprint],
  );
  if (inserted.length > 0) return { kind: 'NEW' };
  const [existing] = await manager.query<{ fingerprint: string; outcome: T | null }[]>(
    `SELECT fingerprint, outcome FROM idempotency_keys WHERE key_id = $1`,
    [keyId],
  );
  return existing.fingerprint === fingerprint
    ? { kind: 'SAME', outcome: existing.outcome }
    : { kind: 'DIFFERENT', fingerprint: existing.fingerprint, settled: existing.outcome !== null };
}

/**
 * Gives `keyId`, claimed for the request `from`, to the request `to`: for a key whose first use made nothing
 * (the caller has checked), so the key is not bound for good to a request that failed. Only a claim older
 * than `quietMs` (no request with it can still be in flight) that nobody has settled or rebound meanwhile;
 * false otherwise.
 */
export async function rebindIdempotencyKey(
  manager: EntityManager,
  keyId: string,
  from: string,
  to: string,
  quietMs: number,
): Promise<boolean> {
  const [rebound] = await manager.query<[unknown[], number]>(
    `UPDATE idempotency_keys SET fingerprint = $3, created_at = now()
      WHERE key_id = $1 AND fingerprint = $2 AND outcome IS NULL AND created_at < now() - $4 * interval '1 millisecond'
      RETURNING key_id`,
    [keyId, from, to, quietMs],
  );
  return rebound.length > 0;
}

/** Frees `keyId` claimed for the request `fingerprint` that applied nothing (refused), for a corrected one. */
export async function releaseIdempotencyKey(manager: EntityManager, keyId: string, fingerprint: string): Promise<void> {
  await manager.query(`DELETE FROM idempotency_keys WHERE key_id = $1 AND fingerprint = $2 AND outcome IS NULL`, [
    keyId,
    fingerprint,
  ]);
}

/**
 * Records the outcome of the request `fingerprint` under `keyId`, if the key is still that request's: a slow first
 * request whose key passed meanwhile to a changed one (rebindIdempotencyKey) must not answer for the second. A key
 * freed meanwhile is claimed again with the outcome: a refused first request frees it while a repeat of it may go
 * on to succeed, and a changed request must then be refused for that key, not claim it afresh.
 */
export async function recordIdempotentOutcome(
  manager: EntityManager,
  keyId: string,
  fingerprint: string,
  outcome: unknown,
): Promise<void> {
  await manager.query(
    `INSERT INTO idempotency_keys (key_id, fingerprint, outcome) VALUES ($1, $2, $3)
     ON CONFLICT (key_id) DO UPDATE SET outcome = EXCLUDED.outcome WHERE idempotency_keys.fingerprint = EXCLUDED.fingerprint`,
    [keyId, fingerprint, JSON.stringify(outcome)],
  );
}

/**
 * Deletes the key records first used more than `olderThanMs` ago, `batch` rows a statement (short locks, however
 * large the backlog); how many. A repeat after that is a new request to the key's record, though what the key
 * made still dedupes it where its id is derived from the key (a submission, a Temporal Update in its run). An open
 * plan's keys (`plan:<referral id>:…`) are kept: its workflow continues as new and forgets Update ids, so the key's
 * record is what answers a repeat there.
 */
export async function pruneIdempotencyKeys(
  manager: EntityManager,
  olderThanMs: number,
  batch: number,
): Promise<number> {
  let pruned = 0;
  for (;;) {
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM idempotency_keys WHERE key_id IN (
         SELECT key_id FROM idempotency_keys k
          WHERE created_at < now() - $1 * interval '1 millisecond'
            AND CASE WHEN key_id LIKE 'plan:%' THEN NOT EXISTS (SELECT 1 FROM plans p
                  WHERE p.referral_id = split_part(k.key_id, ':', 2)::uuid AND p.closed_at IS NULL) ELSE true END
          LIMIT $2)`,
      [olderThanMs, batch],
    );
    pruned += count;
    if (count < batch) return pruned;
  }
}
