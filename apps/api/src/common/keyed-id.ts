import { createHash, randomUUID } from 'node:crypto';

/**
 * With an Idempotency-Key a new record's id is derived from the person and the key (within a scope, so one key
 * used for a referral and a mutual-aid request makes two ids), so concurrent repeats address one record: one
 * workflow, whose single start Temporal guarantees, or one row. Without a key, a fresh random id.
 */
export function idForKey(
  person: { org: string; sub: string },
  idempotencyKey: string | undefined,
  scope: 'referral' | 'mutual-aid' | 'meeting' = 'referral',
): string {
  if (!idempotencyKey) return randomUUID();
  // Referral ids were derived before scopes were: theirs keeps the original input.
  const scoped = scope === 'referral' ? '' : `${scope}\u0000`;
  const hex = createHash('sha256')
    .update(`${scoped}${person.org}\u0000${person.sub}\u0000${idempotencyKey}`)
    .digest('hex');
  // Shape the digest as an RFC 9562 version 8 (custom) UUID.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
