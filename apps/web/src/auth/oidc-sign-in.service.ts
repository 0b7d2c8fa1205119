import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import * as oidc from 'openid-client';
import { WebConfig } from '@rocu/config';
import { ApiClient } from '../api/api-client.service';
import { ApiProblemError } from '../errors/api-problem';
import { OrganisationLists, organisationNameIn, personFromClaims } from './oidc-claims';
import { providerOrigins } from './provider-origins';
import { RenewedTokens, renewalTimes, TokenRenewer } from './api-token-renewal';
import { promised, SignInService, TokenRenewal } from './sign-in.service';
import type { SessionRequest } from './web-session';

export const OIDC_CALLBACK_PATH = '/auth/callback';
const SIGNED_OUT_PATH = '/signed-out';
const PROVIDER_TIMEOUT_SECONDS = 10;
/**
 * A renewal's answer is kept up to this long for its refresh token: a request of the same session that read the
 * session before the first renewal was saved renews with the same answer, instead of spending a rotated token again.
 */
const RENEWAL_SHARED_MS = 60_000;
/** After a renewal that failed (the provider unreachable, or refusing the client), the next try waits this long. */
const RENEWAL_RETRY_AFTER_MS = 15_000;
/** How long sign-out waits for the provider to revoke the refresh token; a slower revocation finishes meanwhile. */
const REVOCATION_WAIT_MS = 2_000;

/** A sign-in that came back from the provider but cannot begin a session; the reason is only logged. */
export class SignInRefusedError extends Error {}

/**
 * AUTH_MODE=oidc: OpenID Connect authorisation code flow with PKCE. The state, nonce and code verifier wait
 * in the (pre-sign-in) session; the callback uses them once, and the access token for the API is kept in the
 * new session only. The provider is discovered at start-up (and again on use after a failure).
 */
@Injectable()
export class OidcSignInService implements OnModuleInit, TokenRenewer {
  private readonly logger = new Logger(OidcSignInService.name);
  private discovered?: Promise<oidc.Configuration>;
  private readonly renewals = new Map<string, Promise<RenewedTokens | undefined>>();
  private origins: string[];
  private endpointsKnown = false;

  constructor(
    private readonly config: WebConfig,
    private readonly api: ApiClient,
    private readonly signIn: SignInService,
  ) {
    this.origins = config.OIDC_ISSUER_URL ? providerOrigins(config.OIDC_ISSUER_URL) : [];
  }

  /** Starts discovery at start-up, so pages name the provider's endpoints in their form-action (formTargets). */
  onModuleInit(): void {
    this.discoverForPages();
  }

  /**
   * The provider's origins that a form of ours may end at (sign-out redirects there): the issuer's, and its
   * endpoints' once discovered. Until then each page asks for discovery again (one attempt at a time).
   */
  formTargets(): string[] {
    if (!this.endpointsKnown) this.discoverForPages();
    return this.origins;
  }

  private discoverForPages(): void {
    if (this.config.AUTH_MODE === 'oidc') this.configuration().catch(() => undefined); // logged; retried
  }

  /** Keeps a fresh handshake in the session; resolves with the provider's authorisation URL to send the person to. */
  async authorisationUrl(request: SessionRequest): Promise<string> {
    const configuration = await this.configuration();
    const handshake = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo: request.session.returnTo ?? '/',
    };
    request.session.oidc = handshake;
    await promised((done) => request.session.save(done));
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.url(OIDC_CALLBACK_PATH),
      scope: this.config.OIDC_SCOPE,
      state: handshake.state,
      nonce: handshake.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(handshake.codeVerifier),
      code_challenge_method: 'S256',
      ...this.resource(),
    }).href;
  }

  /**
   * The provider's answer: checks state, code (with the PKCE verifier) and the ID token's nonce, reads the
   * person from the ID token, checks the access token with the API (naming the organisation from its
   * reference data) and begins a new session. The handshake is used up whatever happens, so a callback
   * cannot be replayed. Resolves with where to go next; SignInRefusedError when any check fails.
   */
  async finish(request: SessionRequest): Promise<string> {
    const handshake = request.session.oidc;
    delete request.session.oidc;
    if (!handshake) throw new SignInRefusedError('no sign-in was in progress in this session');
    const configuration = await this.configuration();
    const callback = new URL(this.url(OIDC_CALLBACK_PATH));
    callback.search = new URL(request.originalUrl, callback).search;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(
        configuration,
        callback,
        { expectedState: handshake.state, expectedNonce: handshake.nonce, pkceCodeVerifier: handshake.codeVerifier },
        this.resource(),
      );
    } catch (error) {
      throw new SignInRefusedError(`the provider's answer was refused: ${describe(error)}`);
    }
    const person = personFromClaims(tokens.claims() ?? {});
    if (!person) throw new SignInRefusedError('the ID token lacks valid sub, roles or org claims');
    const orgName = await this.organisationName(tokens.access_token, person.org);
    return this.signIn.begin(request, { ...person, orgName }, tokens.access_token, {
      idToken: tokens.id_token,
      renewal: renewalOf(tokens),
      returnTo: handshake.returnTo,
    });
  }

  /** A new API token for a refresh token (the refresh token grant, for the API's resource), shared as it is made. */
  renew(refreshToken: string): Promise<RenewedTokens | undefined> {
    let renewal = this.renewals.get(refreshToken);
    if (!renewal) {
      renewal = this.refreshTokenGrant(refreshToken);
      this.renewals.set(refreshToken, renewal);
      renewal.then(
        (renewed) => {
          // Shared no longer than until the answer itself falls due (a short-lived token, a refresh token kept).
          const due = (renewed?.renewal?.apiTokenRefreshAt ?? 0) - Date.now();
          setTimeout(() => this.renewals.delete(refreshToken), Math.min(RENEWAL_SHARED_MS, Math.max(0, due))).unref();
        },
        // Tried again after a pause: meanwhile requests go on with the token they have, without waiting.
        () => setTimeout(() => this.renewals.delete(refreshToken), RENEWAL_RETRY_AFTER_MS).unref(),
      );
    }
    return renewal;
  }

  private async refreshTokenGrant(refreshToken: string): Promise<RenewedTokens | undefined> {
    try {
      const tokens = await oidc.refreshTokenGrant(await this.configuration(), refreshToken, this.resource());
      // A provider that does not rotate refresh tokens answers without one: the one we have still serves.
      const renewal = renewalOf({ ...tokens, refresh_token: tokens.refresh_token ?? refreshToken });
      return { apiToken: tokens.access_token, idToken: tokens.id_token, renewal };
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant') {
        this.logger.warn(`API token not renewed: the provider refused the refresh token (${error.message})`);
        return undefined;
      }
      this.logger.warn(`API token not renewed: ${describe(error)}`);
      throw error;
    }
  }

  /**
   * Revokes a signed-out session's refresh token at the provider (RFC 7009), so it renews nothing even when the person
   * leaves before confirming sign-out there. Best effort: sign-out has already ended the session here, waits two
   * seconds at most for a slow provider (the revocation goes on), and a provider that cannot be reached or has no
   * revocation endpoint is only logged.
   */
  async revoke(refreshToken: string): Promise<void> {
    this.renewals.delete(refreshToken);
    const revoking = this.revokeAtProvider(refreshToken);
    const waited = new Promise<void>((wake) => setTimeout(wake, REVOCATION_WAIT_MS).unref());
    await Promise.race([revoking, waited]);
  }

  private async revokeAtProvider(refreshToken: string): Promise<void> {
    try {
      const configuration = await this.configuration();
      if (!configuration.serverMetadata().revocation_endpoint) return;
      await oidc.tokenRevocation(configuration, refreshToken, { token_type_hint: 'refresh_token' });
    } catch (error) {
      this.logger.warn(`refresh token not revoked (its session ended): ${describe(error)}`);
    }
  }

  /** Where to send the person after their session has ended: the provider's end-session endpoint when it has one. */
  async signedOutUrl(idToken: string | undefined): Promise<string> {
    const configuration = await this.configuration().catch(() => undefined);
    if (!configuration?.serverMetadata().end_session_endpoint) return SIGNED_OUT_PATH;
    return oidc.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: this.url(SIGNED_OUT_PATH),
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).href;
  }

  private async organisationName(accessToken: string, org: string): Promise<string> {
    let lists: OrganisationLists;
    try {
      lists = await this.api.getWithToken<OrganisationLists>(accessToken, '/reference/organisations');
    } catch (error) {
      if (error instanceof ApiProblemError && error.status === 503) throw error;
      throw new SignInRefusedError(`the API refused the access token: ${describe(error)}`);
    }
    const name = organisationNameIn(lists, org);
    if (!name) throw new SignInRefusedError(`the organisation ${org} is not in the reference data`);
    return name;
  }

  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      this.logger.warn(`OpenID provider discovery failed: ${describe(error)}`);
      throw new ApiProblemError({ status: 503, title: 'Service unavailable', detail: 'Sign-in did not answer' });
    });
    return this.discovered;
  }

  private discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.config.OIDC_ISSUER_URL ?? '');
    const secret = this.config.OIDC_CLIENT_SECRET ?? '';
    // Plain http is for the local test provider only; in production openid-client insists on https.
    const insecure = issuer.protocol === 'http:' && this.config.NODE_ENV !== 'production';
    const discovering = oidc.discovery(
      issuer,
      this.config.OIDC_CLIENT_ID ?? '',
      secret,
      oidc.ClientSecretBasic(secret),
      {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        execute: insecure ? [oidc.allowInsecureRequests] : [],
      },
    );
    return discovering.then((configuration) => {
      this.origins = providerOrigins(issuer.href, configuration.serverMetadata());
      this.endpointsKnown = true;
      return configuration;
    });
  }

  private resource(): Record<string, string> {
    return this.config.OIDC_RESOURCE ? { resource: this.config.OIDC_RESOURCE } : {};
  }

  /** An address of this web app as the provider sees it (WEB_BASE_URL may carry a path prefix). */
  private url(path: string): string {
    return `${(this.config.WEB_BASE_URL ?? '').replace(/\/+$/, '')}${path}`;
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** How to renew the token the provider just gave: only with a refresh token and a known expiry. */
function renewalOf(tokens: { refresh_token?: string; expires_in?: number }): TokenRenewal | undefined {
  const times = renewalTimes(tokens.expires_in, Date.now());
  return tokens.refresh_token && times ? { refreshToken: tokens.refresh_token, ...times } : undefined;
}
