import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { SessionTokens, StoredRenewal, webSessions } from '@rocu/persistence/web-sessions';
import { SIGN_OUT_PATH } from './web-guards';
import type { TokenRenewal } from './sign-in.service';
import type { WebSession } from './web-session';

/** A token is renewed a minute before it expires, or half-way through a life shorter than two minutes. */
const RENEW_BEFORE_EXPIRY_MS = 60_000;
/** How long a request waits for a renewal while its token is still valid; the answer then serves the next one. */
const RENEWAL_WAIT_MS = 2_000;
/** A token this close to its expiry counts as expired (clocks differ, and the API call takes time). */
const EXPIRY_SKEW_MS = 5_000;
/** How long a claim on a session's renewal lasts: longer than the provider may take to answer (10 s), so it ends early
 * unless its instance stopped meanwhile. */
const CLAIM_MS = 15_000;
/** How often a request whose session another request is renewing looks for the outcome. */
const FOLLOW_EVERY_MS = 100;

/** When to renew, and when it expires, a token the provider says expires in `expiresInSeconds`; none if it did not say. */
export function renewalTimes(
  expiresInSeconds: number | undefined,
  now: number,
): Pick<TokenRenewal, 'apiTokenRefreshAt' | 'apiTokenExpiresAt'> | undefined {
  if (expiresInSeconds === undefined || !(expiresInSeconds > 0)) return undefined;
  const lifeMs = expiresInSeconds * 1000;
  return {
    apiTokenRefreshAt: now + Math.max(lifeMs - RENEW_BEFORE_EXPIRY_MS, lifeMs / 2),
    apiTokenExpiresAt: now + lifeMs,
  };
}

/** A renewed API token, and how to renew it next (none: the provider gave no expiry, so it is not renewed again). */
export interface RenewedTokens {
  apiToken: string;
  idToken?: string;
  renewal?: TokenRenewal;
}

export interface TokenRenewer {
  /** The renewed tokens; undefined when the provider refuses the refresh token (revoked, expired); throws if unreachable. */
  renew(refreshToken: string): Promise<RenewedTokens | undefined>;
}

/**
 * Where the web app's instances share a session's renewal (its row in `web_session`): one request claims it and
 * renews, the others read back what it stored. Providers rotate refresh tokens, and take one spent twice (two
 * instances renewing one session at once) as stolen: they revoke the person's grant.
 */
export interface SharedRenewals {
  claim(sid: string, refreshToken: string, forMs: number): Promise<boolean>;
  store(sid: string, refreshToken: string, tokens: SessionTokens): Promise<void>;
  release(sid: string): Promise<void>;
  state(sid: string): Promise<StoredRenewal | undefined>;
}

export const sharedRenewals = (pool: Pool): SharedRenewals => ({
  claim: (sid, refreshToken, forMs) => webSessions.claimRenewal(pool, sid, refreshToken, forMs),
  store: (sid, refreshToken, tokens) => webSessions.storeRenewal(pool, sid, refreshToken, tokens),
  release: (sid) => webSessions.releaseRenewal(pool, sid),
  state: (sid) => webSessions.renewalState(pool, sid),
});

/** A renewal's tokens as the session keeps them; none but the API token's when the refresh token was refused. */
const tokensOf = (renewed: RenewedTokens | undefined): SessionTokens =>
  renewed ? { apiToken: renewed.apiToken, idToken: renewed.idToken, ...renewed.renewal } : {};

function applyRenewal(session: WebSession, tokens: SessionTokens): void {
  delete session.refreshToken;
  delete session.apiTokenRefreshAt;
  delete session.apiTokenExpiresAt;
  for (const [key, value] of Object.entries(tokens) as [keyof SessionTokens, string | number | undefined][]) {
    if (value !== undefined) Object.assign(session, { [key]: value });
  }
}

/**
 * The session's tokens once renewed from `refreshToken`. Renewed here when this request claims the renewal, and
 * stored at once, whether a request still waits or not; otherwise by the request holding the claim (perhaps in
 * another instance), read back once stored. Undefined when nothing changed: the claim ended without a renewal, or
 * the session ended. Throws when the provider did not answer (the renewer logged it).
 */
async function renewOnce(
  renewer: TokenRenewer,
  renewals: SharedRenewals,
  sid: string,
  refreshToken: string,
): Promise<SessionTokens | undefined> {
  if (await renewals.claim(sid, refreshToken, CLAIM_MS)) {
    let tokens: SessionTokens;
    try {
      tokens = tokensOf(await renewer.renew(refreshToken));
    } catch (error) {
      await renewals.release(sid);
      throw error;
    }
    await renewals.store(sid, refreshToken, tokens);
    return tokens;
  }
  for (;;) {
    const stored = await renewals.state(sid);
    if (stored?.tokens.refreshToken !== refreshToken) return stored?.tokens; // renewed meanwhile, or ended
    if (!stored.claimed) return undefined;
    await new Promise((wake) => setTimeout(wake, FOLLOW_EVERY_MS));
  }
}

const STILL_RENEWING = Symbol('still renewing');

/**
 * Renews a signed-in session's API token with its refresh token once renewal is due, before the request's own API
 * calls: a provider's access tokens often live shorter than the session's idle timeout, and an expired one made the
 * API answer 401, which ended the session of a person still at work and lost the form they sent.
 * - While the token is still valid a slow provider holds the request up two seconds at most; the renewal goes on,
 *   and its answer serves the session's next request.
 * - A refused refresh token is forgotten; an unreachable provider is tried again later (the renewer's back-off).
 *   Either way the request goes on with the token it has: still valid, it serves; expired, the API's 401 ends the
 *   session as before.
 * - One request renews a session at a time, across the web app's instances (SharedRenewals); the others wait for
 *   its outcome as they would for the provider.
 * - Signing out renews nothing.
 */
export function keepApiTokenFresh(renewer: TokenRenewer, renewals: SharedRenewals): RequestHandler {
  return (request, _response, next) => {
    const session: WebSession = request.session;
    const { refreshToken, apiTokenRefreshAt, apiTokenExpiresAt = 0 } = session;
    const now = Date.now();
    if (!session.user || !refreshToken || apiTokenRefreshAt === undefined || now < apiTokenRefreshAt) return next();
    if (request.path === SIGN_OUT_PATH) return next();
    const renewal = renewOnce(renewer, renewals, request.sessionID, refreshToken);
    const expired = now >= apiTokenExpiresAt - EXPIRY_SKEW_MS;
    const waited = expired
      ? renewal
      : Promise.race([
          renewal,
          new Promise<typeof STILL_RENEWING>((wake) => setTimeout(wake, RENEWAL_WAIT_MS, STILL_RENEWING)),
        ]);
    waited.then(
      (renewed) => {
        if (renewed !== STILL_RENEWING && renewed !== undefined) applyRenewal(session, renewed);
        next();
      },
      () => next(), // logged by the renewer
    );
  };
}
