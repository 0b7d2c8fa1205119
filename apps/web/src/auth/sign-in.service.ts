import { Injectable } from '@nestjs/common';
import { webSessions } from '@rocu/persistence/web-sessions';
import { ApiClient } from '../api/api-client.service';
import { WebDatabase } from '../setup/web-database';
import { findPersona, organisationName, personaSub } from './dev-personas';
import type { SessionRequest, SignedInUser } from './web-session';

/** How a session's API token is renewed before it expires (OpenID Connect with a refresh token). */
export interface TokenRenewal {
  refreshToken: string;
  apiTokenRefreshAt: number;
  apiTokenExpiresAt: number;
}

/** express-session's callback methods as promises. */
export const promised = (run: (done: (error?: unknown) => void) => void): Promise<void> =>
  new Promise((resolve, reject) =>
    run((error) => (error === undefined || error === null ? resolve() : reject(toError(error)))),
  );

const toError = (error: unknown): Error => (error instanceof Error ? error : new Error('session store failed'));

/** Starting and ending sessions; the API token is stored only in the server-side session. */
@Injectable()
export class SignInService {
  constructor(
    private readonly api: ApiClient,
    private readonly database: WebDatabase,
  ) {}

  /** AUTH_MODE=dev: a token for the chosen persona from the API's dev-token route; undefined if unknown. */
  async signInAsPersona(request: SessionRequest, personaId: unknown): Promise<string | undefined> {
    const persona = findPersona(personaId);
    if (!persona) return undefined;
    const sub = personaSub(persona);
    const { token } = await this.api.postAnonymous<{ token: string }>('/auth/dev-token', {
      sub,
      name: persona.name,
      roles: persona.roles,
      org: persona.org,
    });
    return this.begin(
      request,
      { sub, name: persona.name, roles: persona.roles, org: persona.org, orgName: organisationName(persona.org) },
      token,
    );
  }

  /**
   * A new session (a fresh id, so a session fixed before sign-in is worthless) holding the person and token;
   * resolves with where to go next (the page that asked for sign-in, or home).
   */
  async begin(
    request: SessionRequest,
    user: SignedInUser,
    apiToken: string,
    {
      idToken,
      renewal,
      returnTo = request.session.returnTo,
    }: { idToken?: string; renewal?: TokenRenewal; returnTo?: string } = {},
  ): Promise<string> {
    await promised((done) => request.session.regenerate(done));
    request.session.user = user;
    request.session.apiToken = apiToken;
    if (idToken) request.session.idToken = idToken;
    if (renewal) Object.assign(request.session, renewal);
    await promised((done) => request.session.save(done));
    return returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
  }

  /**
   * Ends the session server-side (the row is deleted), so the cookie is worthless even if kept. Resolves with the
   * refresh tokens to revoke: the one the request read, and one a renewal stored meanwhile.
   */
  async signOut(request: SessionRequest): Promise<string[]> {
    const read = request.session.refreshToken;
    const stored = await webSessions.endSession(this.database.pool, request.sessionID);
    await promised((done) => request.session.destroy(done));
    return [...new Set([read, stored])].filter((token) => token !== undefined);
  }
}
