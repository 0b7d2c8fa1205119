import type { JWTPayload } from 'jose';

/** How long a verified token is taken on trust before its signature is checked again (keys rotate; see below). */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
/** Tokens kept at most (about 1 KB each): the oldest goes first. */
export const VERIFIED_TOKEN_CAPACITY = 10_000;

interface Verified {
  payload: JWTPayload;
  /** When the entry stops counting: the token's expiry or the TTL after verification, whichever is sooner. */
  until: number;
}

/**
 * The claims of bearer tokens already verified, by the exact token text. A person's token comes with every
 * call a page makes, and checking its RS256 signature each time costs 0.1 ms of CPU on a quiet machine and
 * was 3-8 % of the API's CPU per read under load (bench phase 8 profile). A hit needs the same text,
 * signature included, so nothing unverified is ever taken. An entry lasts no longer than the token's `exp`,
 * nor than VERIFIED_TOKEN_TTL_MS: the JWKS keys themselves are cached for longer (jose: 10 minutes), so a
 * withdrawn key stops working no later than it did before.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Verified>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = VERIFIED_TOKEN_TTL_MS,
    private readonly capacity = VERIFIED_TOKEN_CAPACITY,
  ) {}

  /** The token's claims if it was verified and the entry still counts. */
  get(token: string): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.payload;
    this.entries.delete(token);
    return undefined;
  }

  /** Records a token just verified (it must carry `exp`, which verification requires). */
  set(token: string, payload: JWTPayload): void {
    const now = this.now();
    const until = Math.min(now + this.ttlMs, (payload.exp ?? 0) * 1000);
    if (until <= now) return;
    this.entries.delete(token); // re-inserted last: Map order is the eviction order
    this.entries.set(token, { payload, until });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
