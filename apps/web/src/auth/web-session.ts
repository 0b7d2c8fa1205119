import type { Request } from 'express';
import type { Session, SessionData } from 'express-session';
import type { Role } from '@rocu/domain';
import type { FormFlash } from '../errors/form-state';

/** Who is signed in, as shown on every page (the API token is kept apart and never rendered). */
export interface SignedInUser {
  sub: string;
  name: string;
  roles: Role[];
  org: string;
  orgName: string;
}

/** OpenID Connect state kept between the redirect to the provider and its callback. */
export interface OidcHandshake {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

declare module 'express-session' {
  interface SessionData {
    user: SignedInUser;
    /** The bearer token for the API: server-side only (the browser holds just the session cookie). */
    apiToken: string;
    /** With OpenID Connect: the ID token, kept server-side only as the hint when signing out at the provider. */
    idToken: string;
    /** With OpenID Connect, when the provider gave one: the refresh token that renews `apiToken` (server-side only). */
    refreshToken: string;
    /** When (ms since the epoch) `apiToken` is renewed with `refreshToken`: a minute, or half its life, before it expires. */
    apiTokenRefreshAt: number;
    /** When (ms since the epoch) `apiToken` expires, as the provider said when it gave it. */
    apiTokenExpiresAt: number;
    flash: FormFlash;
    /** A one-off confirmation shown on the next page ("Your answer has been sent"). */
    notice: string;
    returnTo: string;
    oidc: OidcHandshake;
    /** Whether the person's "Make a referral" draft has answers, as this session last read or wrote it. */
    hasReferralDraft: boolean;
  }
}

export type WebSession = Session & Partial<SessionData>;

/** A request with its session typed as the web app keeps it (and its route parameters, where named). */
export type SessionRequest<Params = Request['params']> = Request<Params> & { session: WebSession };
