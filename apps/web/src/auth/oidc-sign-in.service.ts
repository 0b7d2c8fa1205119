import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import * as oidc from 'openid-client';
import { WebConfig } from '@rocu/config';
import { isRole } from '@rocu/domain';
import { organisationName } from './dev-personas';
import type { SignedInUser, WebSession } from './web-session';

/** The scopes asked for: the person's profile (name, roles, org) and the API. */
const SCOPE = 'openid profile api';

export const OIDC_CALLBACK_PATH = '/auth/callback';

/** The provider's ID token lacked what the service needs to know who the person is. */
class UnusableIdentityError extends Error {}

/**
 * AUTH_MODE=oidc: OpenID Connect authorisation code flow with PKCE (S256), state and nonce, through
 * `openid-client`. The provider's access token is the API token (a JWT for the API's audience, checked by
 * the API against the provider's JWKS); the ID token's `name`, `roles` and `org` say who signed in.
 */
@Injectable()
export class OidcSignIn {
  private configuration?: Promise<oidc.Configuration>;

  constructor(private readonly config: WebConfig) {}

  private discover(): Promise<oidc.Configuration> {
    const { OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = this.config;
    const issuer = new URL(OIDC_ISSUER_URL ?? '');
    // Plain http only for a provider on this machine (tests, local development).
    const local = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(issuer.hostname);
    this.configuration ??= oidc
      .discovery(issuer, OIDC_CLIENT_ID ?? '', OIDC_CLIENT_SECRET, undefined, {
        execute: local ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configuration = undefined; // try discovery again next time
        throw error;
      });
    return this.configuration;
  }

  private get redirectUri(): string {
    return `${this.config.WEB_BASE_URL ?? ''}${OIDC_CALLBACK_PATH}`;
  }

  /** Where to send the person to sign in; the PKCE verifier, state and nonce stay in their session. */
  async authorisationUrl(session: WebSession): Promise<string> {
    const configuration = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    session.oidc = { codeVerifier, state, nonce, returnTo: session.returnTo ?? '/' };
    return oidc
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri,
        scope: SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      .toString();
  }

  /** Exchanges the callback's code (checking state, nonce and PKCE) for the person and their API token. */
  async complete(request: Request, session: WebSession): Promise<{ user: SignedInUser; apiToken: string }> {
    const handshake = session.oidc;
    delete session.oidc;
    if (!handshake) throw new UnusableIdentityError('no sign-in was started in this session');
    const configuration = await this.discover();
    const callback = new URL(request.originalUrl, this.config.WEB_BASE_URL);
    const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: handshake.codeVerifier,
      expectedState: handshake.state,
      expectedNonce: handshake.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    const roles = Array.isArray(claims?.roles) ? claims.roles.filter(isRole) : [];
    const org = typeof claims?.org === 'string' ? claims.org : '';
    if (!claims || roles.length === 0 || !org) {
      throw new UnusableIdentityError('the identity provider did not say which roles and organisation you have');
    }
    session.returnTo = handshake.returnTo;
    const name = typeof claims.name === 'string' ? claims.name : claims.sub;
    return {
      user: { sub: claims.sub, name, roles, org, orgName: organisationName(org) },
      apiToken: tokens.access_token,
    };
  }
}
