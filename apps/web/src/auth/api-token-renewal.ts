import type { RequestHandler } from 'express';
import type { SessionTokens } from '@rocu/persistence/web-sessions';
import { renewShared, SharedRenewals } from './shared-renewal';
import { SIGN_OUT_PATH } from './web-guards';
import type { TokenRenewal } from './sign-in.service';
import type { WebSession } from './web-session';

/** A token is renewed a minute before it expires, or half-way through a life shorter than two minutes. */
const RENEW_BEFORE_EXPIRY_MS = 60_000;
/** How long a request waits for a renewal while its token is still valid; the answer then serves the next one. */
const RENEWAL_WAIT_MS = 2_000;
/** A token this close to its expiry counts as expired (clocks differ, and the API call takes time). */
const EXPIRY_SKEW_MS = 5_000;

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
  /** Revokes a refresh token at the provider, best effort. */
  revoke(refreshToken: string): Promise<void>;
}

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
    const { apiToken, refreshToken, apiTokenRefreshAt, apiTokenExpiresAt = 0 } = session;
    const now = Date.now();
    if (!session.user || !apiToken || !refreshToken || apiTokenRefreshAt === undefined || now < apiTokenRefreshAt) {
      return next();
    }
    if (request.path === SIGN_OUT_PATH) return next();
    let waiting = true;
    const renewal = renewShared(renewals, {
      sid: request.sessionID,
      held: { apiToken, refreshToken },
      renew: async () => tokensOf(await renewer.renew(refreshToken)),
      revoke: (spare) => renewer.revoke(spare),
      waiting: () => waiting,
    });
    const expired = now >= apiTokenExpiresAt - EXPIRY_SKEW_MS;
    const waited = expired
      ? renewal
      : Promise.race([
          renewal,
          new Promise<typeof STILL_RENEWING>((wake) => setTimeout(wake, RENEWAL_WAIT_MS, STILL_RENEWING)),
        ]);
    waited.then(
      (renewed) => {
        waiting = false;
        if (renewed !== STILL_RENEWING && renewed !== undefined) applyRenewal(session, renewed);
        next();
      },
      () => {
        waiting = false;
        next(); // logged where it failed
      },
    );
  };
}
