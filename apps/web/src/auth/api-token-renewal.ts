import type { RequestHandler } from 'express';
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
}

function applyRenewal(session: WebSession, renewed: RenewedTokens | undefined): void {
  delete session.refreshToken;
  delete session.apiTokenRefreshAt;
  delete session.apiTokenExpiresAt;
  if (!renewed) return; // the refresh token was refused: forgotten
  session.apiToken = renewed.apiToken;
  if (renewed.idToken) session.idToken = renewed.idToken;
  if (renewed.renewal) Object.assign(session, renewed.renewal);
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
 * - Signing out renews nothing.
 */
export function keepApiTokenFresh(renewer: TokenRenewer): RequestHandler {
  return (request, _response, next) => {
    const session: WebSession = request.session;
    const { refreshToken, apiTokenRefreshAt, apiTokenExpiresAt = 0 } = session;
    const now = Date.now();
    if (!session.user || !refreshToken || apiTokenRefreshAt === undefined || now < apiTokenRefreshAt) return next();
    if (request.path === SIGN_OUT_PATH) return next();
    const renewal = renewer.renew(refreshToken);
    const expired = now >= apiTokenExpiresAt - EXPIRY_SKEW_MS;
    const waited = expired
      ? renewal
      : Promise.race([
          renewal,
          new Promise<typeof STILL_RENEWING>((wake) => setTimeout(wake, RENEWAL_WAIT_MS, STILL_RENEWING)),
        ]);
    waited.then(
      (renewed) => {
        if (renewed !== STILL_RENEWING) applyRenewal(session, renewed);
        next();
      },
      () => next(), // logged by the renewer
    );
  };
}
