import type { RequestHandler } from 'express';
import type { TokenRenewal } from './sign-in.service';
import type { WebSession } from './web-session';

/** A token is renewed a minute before it expires, or half-way through a life shorter than two minutes. */
const RENEW_BEFORE_EXPIRY_MS = 60_000;

/** When to renew a token the provider says expires in `expiresInSeconds`; undefined if it did not say. */
export function renewalDue(expiresInSeconds: number | undefined, now: number): number | undefined {
  if (expiresInSeconds === undefined || !(expiresInSeconds > 0)) return undefined;
  const lifeMs = expiresInSeconds * 1000;
  return now + Math.max(lifeMs - RENEW_BEFORE_EXPIRY_MS, lifeMs / 2);
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

const forgetRenewal = (session: WebSession): void => {
  delete session.refreshToken;
  delete session.apiTokenRefreshAt;
};

/**
 * Renews a signed-in session's API token with its refresh token once renewal is due, before the request's own API
 * calls: a provider's access tokens often live shorter than the session's idle timeout, and an expired one made the
 * API answer 401, which ended the session of a person still at work and lost the form they sent. A refused refresh
 * token is forgotten; an unreachable provider is tried again on the next request. Either way the request goes on
 * with the token it has: still valid, it serves; expired, the API's 401 ends the session as before.
 */
export function keepApiTokenFresh(renewer: TokenRenewer): RequestHandler {
  return (request, _response, next) => {
    const session: WebSession = request.session;
    const { refreshToken, apiTokenRefreshAt } = session;
    if (!session.user || !refreshToken || apiTokenRefreshAt === undefined || Date.now() < apiTokenRefreshAt) {
      return next();
    }
    renewer.renew(refreshToken).then(
      (renewed) => {
        forgetRenewal(session);
        if (renewed) {
          session.apiToken = renewed.apiToken;
          if (renewed.idToken) session.idToken = renewed.idToken;
          if (renewed.renewal) Object.assign(session, renewed.renewal);
        }
        next();
      },
      () => next(), // logged by the renewer
    );
  };
}
