import { freePort } from '../../scripts/lib/free-port';
import { launchChromium } from '../support/browser';
import { OidcProviderProcess } from '../support/oidc/oidc-provider-process';
import { Stack } from '../support/stack';
import { Visitor } from '../support/web-test';
import { HomePage } from './pages/home-page';
import { ReferralsListPage } from './pages/referrals-list-page';
import { SignInPage } from './pages/sign-in-page';
import type { Browser } from 'playwright-core';

const AUDIENCE = 'rocu-gateway';
const CLIENT = { clientId: 'rocu-web', clientSecret: 'web-client-secret-for-tests' };

/** Production sign-in: the web app (AUTH_MODE=oidc) and the API (AUTH_MODE=jwks) trust a real local provider. */
describe('OpenID Connect sign-in', () => {
  let provider: OidcProviderProcess;
  let stack: Stack;
  let browser: Browser;
  let webUrl: string;
  const visitors: Visitor[] = [];

  beforeAll(async () => {
    const [providerPort, webPort] = await Promise.all([freePort(), freePort()]);
    webUrl = `http://127.0.0.1:${webPort}`;
    provider = await OidcProviderProcess.start({
      port: providerPort,
      ...CLIENT,
      redirectUri: `${webUrl}/auth/callback`,
      audience: AUDIENCE,
      accounts: { 'jane.smith': { name: 'DC Jane Smith', roles: ['FORCE_REFERRER'], org: 'WYP' } },
    });
    [stack, browser] = await Promise.all([
      Stack.start({
        env: { AUTH_MODE: 'jwks', JWKS_URL: provider.jwksUrl, JWT_ISSUER: provider.issuer, JWT_AUDIENCE: AUDIENCE },
      }),
      launchChromium(),
    ]);
    await stack.startWeb({
      WEB_PORT: String(webPort),
      AUTH_MODE: 'oidc',
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.clientId,
      OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      WEB_BASE_URL: webUrl,
    });
  });

  afterEach(async () => {
    await Promise.all(visitors.splice(0).map((visitor) => visitor.close()));
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop(), provider?.stop()]);
  });

  const visit = async (): Promise<Visitor> => {
    const visitor = await Visitor.open(browser, webUrl);
    visitors.push(visitor);
    return visitor;
  };

  it('signs in through the provider (code + PKCE), calls the API with its token, and signs out', async () => {
    const visitor = await visit();
    const signIn = await SignInPage.open(visitor.page);
    expect(await signIn.heading()).toBe('Sign in');
    await visitor.expectAccessible();
    const authorisationRequest = visitor.page.waitForRequest((request) =>
      request.url().startsWith(`${provider.issuer}/auth?`),
    );
    await signIn.loadNextPage(visitor.page.getByRole('button', { name: 'Sign in' }));

    const authorisation = new URL((await authorisationRequest).url());
    expect(Object.fromEntries(authorisation.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: `${webUrl}/auth/callback`,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect(new URL(visitor.page.url()).origin).toBe(provider.issuer);
    await visitor.page.locator('input[name="login"]').fill('jane.smith');
    await visitor.page.locator('input[name="password"]').fill('any');
    await signIn.submitWith('Sign-in');
    await signIn.submitWith('Continue');

    const home = new HomePage(visitor.page);
    expect(new URL(visitor.page.url()).origin).toBe(webUrl);
    expect(await home.signedInAs()).toBe('DC Jane Smith, West Yorkshire Police');

    // The provider's access token is what the API accepted: the referrals list loads through it.
    const list = await ReferralsListPage.open(visitor.page);
    expect(await list.heading()).toBe('Referrals');

    const { rows } = await stack.db.query<{ token: string }>(
      `SELECT sess->>'apiToken' AS token FROM web_session WHERE sess->'user'->>'sub' = 'jane.smith'`,
    );
    expect(rows).toHaveLength(1);
    const browserSide = JSON.stringify({
      page: await visitor.page.content(),
      cookies: await visitor.context.cookies(),
    });
    expect(browserSide).not.toContain(rows[0].token);

    await list.signOut();
    await visitor.page.goto('/referrals');
    expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
  });

  it('refuses a callback that does not match the sign-in this session started', async () => {
    const visitor = await visit();
    await SignInPage.open(visitor.page);
    const forged = await visitor.page.goto('/auth/callback?code=stolen&state=guessed');
    expect(forged?.status()).toBe(403);
    expect(await new HomePage(visitor.page).heading()).toBe('You could not be signed in');
    await visitor.page.goto('/');
    expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
  });
});
