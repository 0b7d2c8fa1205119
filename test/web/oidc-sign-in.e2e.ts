import { freePort } from '@rocu/observability';
import { SESSION_COOKIE } from '../../apps/web/src/setup/sessions';
import { OidcTestProvider, ProviderAccount } from '../support/oidc-provider';
import { eventually } from '../support/referral-fixtures';
import { JAVASCRIPT_MODES, useWebStack, Visitor } from '../support/web-test';
import { HomePage } from './pages/home-page';
import { ProviderPages } from './pages/provider-pages';

/** The provider's people, by login; each test signs in as its own, so sessions left by one never confuse another. */
const ACCOUNTS: Record<string, ProviderAccount> = {
  priya: { name: 'DS Priya Patel', roles: ['GATEWAY_ASSESSOR'], org: 'YHROCU' },
  jane: { name: 'DC Jane Smith', roles: ['FORCE_REFERRER'], org: 'WYP' },
  amir: { name: 'DS Amir Khan', roles: ['FORCE_REFERRER'], org: 'SYP' },
  helen: { name: 'DCI Helen Brooks', roles: ['ROCU_MANAGER'], org: 'YHROCU' },
  sam: { name: 'DC Sam Okafor', roles: ['FORCE_REFERRER'], org: 'WYP' },
  kofi: { name: 'DC Kofi Mensah', roles: ['FORCE_REFERRER'], org: 'NYP' },
  lena: { name: 'DC Lena Hart', roles: ['FORCE_REFERRER'], org: 'NYP' },
  noor: { name: 'DC Noor Ali', roles: ['FORCE_REFERRER'], org: 'NYP' },
  tariq: { name: 'DC Tariq Aziz', roles: ['FORCE_REFERRER'], org: 'WYP' },
  stranger: { name: 'Pat Nobody', roles: ['FORCE_REFERRER'], org: 'NOT-AN-ORG' },
};

/** Shorter than the session's idle timeout (30 minutes), as providers' access tokens often are: renewal keeps it. */
const ACCESS_TOKEN_TTL_SECONDS = 60;

let provider: OidcTestProvider | undefined;
const web = useWebStack(async () => {
  provider = await OidcTestProvider.start(ACCOUNTS, ACCESS_TOKEN_TTL_SECONDS);
  return { jwks: provider.apiAuth, webEnv: provider.webEnv };
});
afterAll(async () => provider?.stop());

const oidcProvider = (): OidcTestProvider => {
  if (!provider) throw new Error('the test OpenID provider did not start');
  return provider;
};

/** The provider's pages import a web font; the test machine has no internet, so such requests get nothing. */
async function visitOffline(javaScript = true): Promise<Visitor> {
  const visitor = await web.visit(javaScript);
  await visitor.context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
  );
  return visitor;
}

const isCallback = (url: URL): boolean =>
  url.pathname === '/auth/callback' && url.origin === new URL(web.stack.webUrl).origin;

/** From the service's sign-in page through the provider's login page, up to its consent page. */
async function startSignIn(visitor: Visitor, login: string): Promise<ProviderPages> {
  const pages = new ProviderPages(visitor.page);
  await visitor.page.goto('/');
  expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
  await pages.loadNextPage(visitor.page.getByRole('button', { name: 'Sign in' }));
  expect(new URL(visitor.page.url()).origin).toBe(oidcProvider().issuer);
  await pages.logIn(login);
  return pages;
}

/** Signs in through the provider; resolves with the callback address the provider sent the browser to. */
async function signIn(visitor: Visitor, login: string): Promise<string> {
  const callbacks: string[] = [];
  visitor.page.on('request', (request) => {
    if (isCallback(new URL(request.url()))) callbacks.push(request.url());
  });
  const pages = await startSignIn(visitor, login);
  const sessionCookie = async () =>
    (await visitor.context.cookies(web.stack.webUrl)).find((cookie) => cookie.name === SESSION_COOKIE)?.value;
  const handshakeSession = await sessionCookie();
  expect(handshakeSession).toBeDefined();
  await pages.consent();
  expect(callbacks).toHaveLength(1);
  // Signed in on a new session id: a session fixed before sign-in (the handshake's) is worthless.
  expect(await sessionCookie()).not.toEqual(handshakeSession);
  return callbacks[0];
}

/**
 * Holds the provider's answer instead of delivering it, so a test can deliver it (or a tampered copy) itself.
 * Playwright intercepts only the first request of a redirect chain, so the consent form's post is fetched
 * here and its redirects followed (sharing the browser's cookies) until one points at the callback.
 */
async function holdCallback(visitor: Visitor, login: string): Promise<URL> {
  const pages = await startSignIn(visitor, login);
  let held: URL | undefined;
  await visitor.page.route(
    (url) => url.origin === oidcProvider().issuer,
    async (route) => {
      let response = await route.fetch({ maxRedirects: 0 });
      for (let hop = 0; hop < 5 && !held; hop++) {
        const location = response.headers().location;
        if (!location) break;
        const next = new URL(location, response.url());
        if (isCallback(next)) held = next;
        else response = await visitor.context.request.get(next.href, { maxRedirects: 0 });
      }
      await route.fulfill(
        held ? { status: 200, contentType: 'text/html', body: '<title>held</title><h1>held</h1>' } : { response },
      );
    },
  );
  await pages.consent();
  await visitor.page.unrouteAll({ behavior: 'wait' });
  if (!held) throw new Error('the provider did not answer');
  return held;
}

interface SessionSecrets {
  apiToken: string | null;
  idToken: string | null;
  refreshToken: string | null;
}

/** What the web app keeps server-side for a person's live sessions: the API token, the ID token, the refresh token. */
async function sessionSecrets(login: string): Promise<SessionSecrets[]> {
  const { rows } = await web.stack.db.query<SessionSecrets>(
    `SELECT sess->>'apiToken' AS "apiToken", sess->>'idToken' AS "idToken", sess->>'refreshToken' AS "refreshToken"
       FROM web_session WHERE sess->'user'->>'sub' = $1`,
    [login],
  );
  return rows;
}

/** The refusal page (400); the browser logs the status as a console error, which is the expected one. */
async function expectRefused(visitor: Visitor, navigation: Promise<{ status(): number } | null>): Promise<void> {
  expect((await navigation)?.status()).toBe(400);
  expect(await new HomePage(visitor.page).heading()).toBe('Sign-in did not work');
  const others = visitor.browserErrors.filter((text) => !/status of 400/.test(text));
  visitor.browserErrors.splice(0, visitor.browserErrors.length, ...others);
}

const jwtPart = (token: string, index: 0 | 1): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8')) as Record<string, unknown>;

async function expectNotSignedIn(visitor: Visitor): Promise<void> {
  await visitor.page.goto('/');
  expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
}

describe('OpenID Connect sign-in (AUTH_MODE=oidc) through a real local provider', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('signs in with code + PKCE, state and nonce, uses the API with the token, and signs out at both ends', async () => {
      const visitor = await visitOffline(javaScript);
      const authorisations: URL[] = [];
      visitor.page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.origin === oidcProvider().issuer && url.pathname === '/auth') authorisations.push(url);
      });

      await signIn(visitor, 'priya');
      const home = new HomePage(visitor.page);
      expect(new URL(visitor.page.url()).pathname).toBe('/');
      // The organisation's name comes from the API's reference data, read with the new token.
      expect(await home.signedInAs()).toBe('DS Priya Patel, Yorkshire and the Humber Regional Organised Crime Unit');
      await visitor.expectAccessible();

      expect(Object.fromEntries(authorisations[0].searchParams)).toMatchObject({
        response_type: 'code',
        client_id: 'rocu-web',
        scope: 'openid profile',
        code_challenge_method: 'S256',
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        state: expect.stringMatching(/^.{20,}$/),
        nonce: expect.stringMatching(/^.{20,}$/),
        redirect_uri: `${web.stack.webUrl}/auth/callback`,
      });

      // The session holds the provider's RS256 access token for the API's audience, with the person's claims.
      const secrets = await sessionSecrets('priya');
      expect(secrets).toHaveLength(1);
      const apiToken = secrets[0].apiToken ?? '';
      expect(jwtPart(apiToken, 0)).toMatchObject({ alg: 'RS256' });
      expect(jwtPart(apiToken, 1)).toMatchObject({
        iss: oidcProvider().issuer,
        aud: oidcProvider().audience,
        sub: 'priya',
        name: 'DS Priya Patel',
        roles: ['GATEWAY_ASSESSOR'],
        org: 'YHROCU',
      });
      expect((await web.stack.http.get('/reference/organisations', apiToken)).status).toBe(200);

      const cookieBefore = (await visitor.context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
      expect(cookieBefore).toBeDefined();
      await home.signOut();
      expect(new URL(visitor.page.url()).origin).toBe(oidcProvider().issuer);
      const pages = new ProviderPages(visitor.page);
      await pages.confirmSignOut();
      expect(new URL(visitor.page.url()).pathname).toBe('/signed-out');
      expect(await home.heading()).toBe('You have signed out');
      expect(await sessionSecrets('priya')).toEqual([]);

      // The old cookie is worthless, and the provider asks for the login again (its session ended too).
      const replay = await fetch(`${web.stack.webUrl}/`, {
        headers: { cookie: `${SESSION_COOKIE}=${cookieBefore?.value ?? ''}` },
        redirect: 'manual',
      });
      expect(replay.status).toBe(303);
      expect(replay.headers.get('location')).toBe('/sign-in');
      await expectNotSignedIn(visitor);
      await pages.loadNextPage(visitor.page.getByRole('button', { name: 'Sign in' }));
      expect(await pages.isLoginPage()).toBe(true);
    });
  });

  it('revokes the refresh token at sign-out, even when the person leaves before confirming it at the provider', async () => {
    const [visitor, colleague] = await Promise.all([visitOffline(), visitOffline()]);
    await signIn(visitor, 'kofi');
    await signIn(colleague, 'lena');
    const [{ refreshToken }] = await sessionSecrets('kofi');
    const [{ refreshToken: colleagues }] = await sessionSecrets('lena');
    expect(refreshToken).toMatch(/^.{20,}$/);

    await new HomePage(visitor.page).signOut();
    expect(new URL(visitor.page.url()).origin).toBe(oidcProvider().issuer); // its sign-out, not confirmed
    expect(await sessionSecrets('kofi')).toEqual([]);
    expect(await oidcProvider().refresh(refreshToken ?? '')).toEqual({ status: 400, error: 'invalid_grant' });
    // Only that session's: another person's, signed in, still renews.
    expect(await oidcProvider().refresh(colleagues ?? '')).toEqual({ status: 200, error: undefined });
  });

  it('signs out while a provider that does not answer holds the revocation, which lands once it answers', async () => {
    const visitor = await visitOffline();
    await signIn(visitor, 'noor');
    const [{ refreshToken }] = await sessionSecrets('noor');
    await oidcProvider().hold('revocations');
    try {
      await new HomePage(visitor.page).signOut();
      expect(new URL(visitor.page.url()).origin).toBe(oidcProvider().issuer);
      expect(await sessionSecrets('noor')).toEqual([]);
      // Signed out while the revocation is held unanswered at the provider: sign-out's wait is bounded.
      await eventually(async () => expect(await oidcProvider().held('revocations')).toBe(1));
    } finally {
      await oidcProvider().release('revocations');
    }
    await eventually(async () =>
      expect(await oidcProvider().refresh(refreshToken ?? '')).toEqual({ status: 400, error: 'invalid_grant' }),
    );
  });

  it('refuses a callback whose state was tampered with, and then the genuine one (the handshake is used up)', async () => {
    const visitor = await visitOffline();
    const genuine = await holdCallback(visitor, 'jane');
    const tampered = new URL(genuine);
    tampered.searchParams.set('state', `${genuine.searchParams.get('state') ?? ''}x`);

    await expectRefused(visitor, visitor.page.goto(tampered.href));
    await visitor.expectAccessible();
    await expectNotSignedIn(visitor);

    await expectRefused(visitor, visitor.page.goto(genuine.href));
    await expectNotSignedIn(visitor);
    expect(await sessionSecrets('jane')).toEqual([]);
  });

  it('refuses a replayed callback: in another browser, and in the same one after signing in', async () => {
    const visitor = await visitOffline();
    const callback = await signIn(visitor, 'amir');
    expect(await new HomePage(visitor.page).signedInAs()).toBe('DS Amir Khan, South Yorkshire Police');

    const attacker = await visitOffline();
    await expectRefused(attacker, attacker.page.goto(callback));
    await expectNotSignedIn(attacker);

    await expectRefused(visitor, visitor.page.goto(callback));
    expect(await sessionSecrets('amir')).toHaveLength(1);
  });

  it('refuses a person whose organisation is not in the reference data, with nothing signed in', async () => {
    const visitor = await visitOffline();
    const pages = await startSignIn(visitor, 'stranger');
    await expectRefused(
      visitor,
      Promise.all([
        visitor.page.waitForEvent('response', (response) => isCallback(new URL(response.url()))),
        pages.consent(),
      ]).then(([response]) => response),
    );
    await expectNotSignedIn(visitor);
    expect(await sessionSecrets('stranger')).toEqual([]);
  });

  it('has no OpenID Connect routes when the web app runs with AUTH_MODE=dev', async () => {
    const devWeb = await web.stack.startWeb({ AUTH_MODE: 'dev' });
    for (const path of ['/sign-in/oidc', '/auth/callback?code=x&state=y']) {
      const response = await fetch(`${devWeb}${path}`, { redirect: 'manual' });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    const live = await fetch(`${web.stack.webUrl}/sign-in/oidc`, { redirect: 'manual' });
    expect(live.status).toBe(303);
    expect(live.headers.get('location')).toMatch(new RegExp(`^${oidcProvider().issuer}/auth\\?`));
  });

  it('renews the API token before it expires, so a person at work stays signed in past its life', async () => {
    const visitor = await visitOffline();
    await signIn(visitor, 'sam');
    const [first] = await sessionSecrets('sam');
    const firstToken = first.apiToken ?? '';
    const expiresAt = Number(jwtPart(firstToken, 1).exp) * 1000;
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(ACCESS_TOKEN_TTL_SECONDS * 1000);
    await new Promise((wake) => setTimeout(wake, expiresAt + 2_000 - Date.now()));
    expect((await web.stack.http.get('/reference/organisations', firstToken)).status).toBe(401); // it has expired

    // A page that reads the API: still signed in, with a renewed token for the same person.
    await visitor.page.goto('/referrals');
    expect(new URL(visitor.page.url()).pathname).toBe('/referrals');
    expect(await new HomePage(visitor.page).signedInAs()).toBe('DC Sam Okafor, West Yorkshire Police');
    const [renewed] = await sessionSecrets('sam');
    const renewedToken = renewed.apiToken ?? '';
    expect(renewedToken).not.toBe(firstToken);
    expect(jwtPart(renewedToken, 1)).toMatchObject({ sub: 'sam', aud: oidcProvider().audience, org: 'WYP' });
    expect(Number(jwtPart(renewedToken, 1).exp) * 1000).toBeGreaterThan(Date.now());
    expect((await web.stack.http.get('/reference/organisations', renewedToken)).status).toBe(200);
    await visitor.expectAccessible();
  });

  it("renews a session's token once when two instances of the web app find it due at once, and stores it for both", async () => {
    const visitor = await visitOffline();
    await signIn(visitor, 'tariq');
    const [first] = await sessionSecrets('tariq');
    const sessionCookie = (await visitor.context.cookies(web.stack.webUrl)).find(({ name }) => name === SESSION_COOKIE);
    // A second instance behind the same address, sharing the sessions.
    const otherInstance = await web.stack.startWeb({
      ...oidcProvider().webEnv,
      WEB_PORT: String(await freePort()),
      WEB_BASE_URL: web.stack.webUrl,
    });
    const page = (base: string) =>
      fetch(`${base}/referrals`, {
        headers: { cookie: `${SESSION_COOKIE}=${sessionCookie?.value ?? ''}` },
        redirect: 'manual',
      });
    // Renewal falls due (half-way through the token's life) while the token is still valid.
    await web.stack.db.query(
      `UPDATE web_session SET sess = jsonb_set(sess::jsonb, '{apiTokenRefreshAt}', to_jsonb($2::bigint))::json
        WHERE sess->'user'->>'sub' = $1`,
      ['tariq', Date.now() - 1_000],
    );

    await oidcProvider().hold('tokens');
    try {
      const atFirst = page(web.stack.webUrl);
      await eventually(async () => expect(await oidcProvider().held('tokens')).toBe(1));
      // The other instance does not spend the refresh token again: it waits for the renewal, then goes on with
      // the token it has, still valid.
      expect((await page(otherInstance)).status).toBe(200);
      expect((await atFirst).status).toBe(200);
      expect(await oidcProvider().held('tokens')).toBe(1);
    } finally {
      await oidcProvider().release('tokens');
    }

    // The renewal is stored when the provider answers, though no request waits for it any more.
    await eventually(async () => expect((await sessionSecrets('tariq'))[0].refreshToken).not.toBe(first.refreshToken));
    const [renewed] = await sessionSecrets('tariq');
    expect(renewed.apiToken).not.toBe(first.apiToken);
    expect((await page(otherInstance)).status).toBe(200);
    expect((await sessionSecrets('tariq'))[0]).toEqual(renewed);
    // The person's grant stands: a refresh token spent twice would have revoked it, the new one with it.
    expect(await oidcProvider().refresh(renewed.refreshToken ?? '')).toEqual({ status: 200, error: undefined });
  });

  it('never shows the access token, the ID token or the refresh token to the browser: not in a page, a header or a cookie', async () => {
    const visitor = await visitOffline();
    const seen: Promise<string>[] = [];
    visitor.page.on('response', (response) => {
      if (new URL(response.url()).origin !== new URL(web.stack.webUrl).origin) return;
      const redirect = response.status() >= 300 && response.status() < 400;
      // Every header is read; bodies of what the app renders (pages, fetches). Static files are the build's
      // files served as they are, and some (the favicon) load after the page does, so the next navigation
      // can discard their bodies before they are read.
      const rendered = ['document', 'fetch', 'xhr'].includes(response.request().resourceType());
      seen.push(
        Promise.all([response.allHeaders(), rendered && !redirect ? response.text() : '']).then(
          ([headers, body]) => `${JSON.stringify(headers)}\n${body}`,
        ),
      );
    });
    await signIn(visitor, 'helen');
    for (const path of ['/', '/accessibility', '/no-such-page', '/sign-in']) await visitor.page.goto(path);
    const secrets = await sessionSecrets('helen');
    expect(secrets).toHaveLength(1);
    const { apiToken, idToken, refreshToken } = secrets[0];
    expect(apiToken).toMatch(/^ey/);
    expect(idToken).toMatch(/^ey/);
    expect(refreshToken).toMatch(/^.{20,}$/);
    const browserSide = JSON.stringify({
      responses: await Promise.all(seen),
      cookies: await visitor.context.cookies(),
      documentCookie: await visitor.page.evaluate('document.cookie'),
    });
    expect(seen.length).toBeGreaterThan(5);
    expect(browserSide).not.toContain(apiToken);
    expect(browserSide).not.toContain(idToken);
    expect(browserSide).not.toContain(refreshToken);
  });
});
