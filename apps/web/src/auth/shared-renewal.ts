import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { HeldTokens, SessionTokens, StoredRenewal, webSessions } from '@rocu/persistence/web-sessions';

/**
 * How long a claim on a session's renewal lasts: longer than a renewal may take (discovering the provider again
 * after a failure, then the grant: 10 s each), so it lapses first only when its instance stopped.
 */
const CLAIM_MS = 30_000;
/** The pauses before storing a renewal again after the session store failed. */
const STORE_RETRY_PAUSES_MS = [250, 1_000, 3_000];
/** How often a request whose session another request is renewing looks for the outcome. */
const FOLLOW_EVERY_MS = 100;

const logger = new Logger('SharedRenewal');

/**
 * Where the web app's instances share a session's renewal (its row in `web_session`): one request claims it and
 * renews, the others read back what it stored. Providers rotate refresh tokens, and take one spent twice (two
 * instances renewing one session at once) as stolen: they revoke the person's grant.
 */
export interface SharedRenewals {
  claim(sid: string, held: HeldTokens, forMs: number): Promise<boolean>;
  store(sid: string, held: HeldTokens, tokens: SessionTokens): Promise<boolean>;
  release(sid: string): Promise<void>;
  state(sid: string): Promise<StoredRenewal | undefined>;
}

export const sharedRenewals = (pool: Pool): SharedRenewals => ({
  claim: (sid, held, forMs) => webSessions.claimRenewal(pool, sid, held, forMs),
  store: (sid, held, tokens) => webSessions.storeRenewal(pool, sid, held, tokens),
  release: (sid) => webSessions.releaseRenewal(pool, sid),
  state: (sid) => webSessions.renewalState(pool, sid),
});

/** One request's renewal of its session's API token. */
export interface Renewal {
  sid: string;
  /** The tokens the request read from its session. */
  held: HeldTokens;
  /** The renewed tokens from the provider; throws when it did not answer (logged there). */
  renew: () => Promise<SessionTokens>;
  /** Revokes a refresh token at the provider (one renewed for a session that ended meanwhile). */
  revoke: (refreshToken: string) => Promise<void>;
  /** Whether the request still waits for the outcome: one that went on stops looking for another's. */
  waiting: () => boolean;
}

/**
 * The session's tokens once renewed. Renewed here when this request claims the renewal, and stored at once, whether
 * the request still waits or not; otherwise by the request holding the claim (perhaps in another instance), read
 * back once stored. Undefined when nothing changed: the claim ended without a renewal, or the session ended.
 */
export async function renewShared(renewals: SharedRenewals, renewal: Renewal): Promise<SessionTokens | undefined> {
  const claimed = await logged(renewals.claim(renewal.sid, renewal.held, CLAIM_MS), 'claim');
  return claimed ? renewClaimed(renewals, renewal) : follow(renewals, renewal);
}

async function renewClaimed(
  renewals: SharedRenewals,
  { sid, held, renew, revoke }: Renewal,
): Promise<SessionTokens | undefined> {
  let tokens: SessionTokens;
  try {
    tokens = await renew();
  } catch (error) {
    await logged(renewals.release(sid), 'release').catch(() => undefined); // else it lapses
    throw error;
  }
  try {
    if (await storeSoon(renewals, sid, held, tokens)) return tokens;
  } catch (error) {
    // A request still waiting takes them into its session, which saves them as it ends; else they are lost, and
    // the next renewal, with the spent refresh token, fails.
    logger.error(`A renewed API token was not stored for the session: ${String(error)}`);
    return tokens;
  }
  const stored = await logged(renewals.state(sid), 'read');
  if (stored) return stored.tokens; // renewed by another request, once this one's claim had lapsed
  // The session ended meanwhile (signed out): nobody will use the new refresh token.
  if (tokens.refreshToken) await revoke(tokens.refreshToken);
  return undefined;
}

/** Stores a renewal, trying again over a few seconds (well within the claim) when the session store fails. */
async function storeSoon(
  renewals: SharedRenewals,
  sid: string,
  held: HeldTokens,
  tokens: SessionTokens,
): Promise<boolean> {
  for (const pauseMs of STORE_RETRY_PAUSES_MS) {
    try {
      return await renewals.store(sid, held, tokens);
    } catch (error) {
      logger.warn(`API token renewal: the session store failed to store (trying again): ${String(error)}`);
      await sleep(pauseMs);
    }
  }
  return renewals.store(sid, held, tokens);
}

async function follow(renewals: SharedRenewals, { sid, held, waiting }: Renewal): Promise<SessionTokens | undefined> {
  const until = Date.now() + CLAIM_MS;
  while (waiting() && Date.now() < until) {
    const stored = await logged(renewals.state(sid), 'read');
    if (!stored) return undefined;
    const { apiToken, refreshToken } = stored.tokens;
    if (apiToken !== held.apiToken || refreshToken !== held.refreshToken) return stored.tokens;
    if (!stored.claimed) return undefined;
    await sleep(FOLLOW_EVERY_MS);
  }
  return undefined;
}

/** Logs a failure of the session store (the provider's are logged by the renewer), and passes it on. */
function logged<T>(stored: Promise<T>, what: string): Promise<T> {
  return stored.catch((error: unknown) => {
    logger.warn(`API token renewal: the session store failed to ${what}: ${String(error)}`);
    throw error;
  });
}
