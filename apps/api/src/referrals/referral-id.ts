import { createHash, randomUUID } from 'node:crypto';

/**
 * With an Idempotency-Key the referral id (and so the workflow id) is derived from the submitter and the
 * key, so concurrent repeats address one workflow and Temporal guarantees a single start.
 */
export function referralIdFor(submitter: { org: string; sub: string }, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return randomUUID();
  const hex = createHash('sha256')
    .update(`${submitter.org}\u0000${submitter.sub}\u0000${idempotencyKey}`)
    .digest('hex');
  // Shape the digest as an RFC 9562 version 8 (custom) UUID.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
