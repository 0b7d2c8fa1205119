import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Request } from 'express';
import type { SessionData } from 'express-session';
import { IntervalTouchStore, SESSION_COOKIE } from '../../apps/web/src/setup/sessions';
import { JAVASCRIPT_MODES, useWebStack, Visitor } from '../support/web-test';
import { HomePage } from './pages/home-page';
import { SignInPage } from './pages/sign-in-page';
import { PERSONA } from './personas';

const web = useWebStack();
const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

async function signIn(visitor: Visitor, persona: string): Promise<HomePage> {
  const signInPage = await SignInPage.open(visitor.page);
  await signInPage.signInAs(persona);
  return new HomePage(visitor.page);
}

/** The API tokens the web app holds for live sessions (only ever in the server-side session table). */
async function sessionTokens(): Promise<string[]> {
  const { rows } = await web.stack.db.query<{ token: string | null }>(
    `SELECT sess->>'apiToken' AS token FROM web_session`,
  );
  return rows.map((row) => row.token).filter((token): token is string => token !== null);
}

describe('web app foundation', () => {
  describe.each(JAVASCRIPT_MODES)('dev sign-in and sign-out $label', ({ javaScript }) => {
    it('lists personas from the reference data, signs in as one, and signs out ending the session', async () => {
      const visitor = await web.visit(javaScript);
      const signInPage = await SignInPage.open(visitor.page);
      expect(await signInPage.heading()).toBe('Sign in as');
      expect(await signInPage.personas()).toEqual(
        expect.arrayContaining([PERSONA.wypReferrer, PERSONA.assessor, PERSONA.chair]),
      );
      await visitor.expectAccessible();
      await visitor.screenshot('sign-in');

      await signInPage.signInAs(PERSONA.wypReferrer);
      const home = new HomePage(visitor.page);
      expect(new URL(visitor.page.url()).pathname).toBe('/');
      expect(await home.signedInAs()).toBe('DC Jane Smith, West Yorkshire Police');
      await visitor.expectAccessible();
      const cookieBefore = (await visitor.context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
      expect(cookieBefore).toBeDefined();

      await home.signOut();
      expect(await home.heading()).toBe('You have signed out');
      await visitor.expectAccessible();
      // Back does not bring the signed-in page out of a cache: it is asked for again, and meets sign-in.
      await visitor.page.goBack();
      expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
      await visitor.page.goto('/');
      expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');

      // The old cookie is worthless: the session was destroyed on the server, not just forgotten.
      const replay = await fetch(`${visitor.baseUrl}/`, {
        headers: { cookie: `${SESSION_COOKIE}=${cookieBefore?.value ?? ''}` },
        redirect: 'manual',
      });
      expect(replay.status).toBe(303);
      expect(replay.headers.get('location')).toBe('/sign-in');
    });
  });

  it('refuses sign-in without choosing a persona, with an error summary linked to the question', async () => {
    const visitor = await web.visit();
    const signInPage = await SignInPage.open(visitor.page);
    await signInPage.submit();
    expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
    expect(await signInPage.errorSummary()).toEqual([{ text: 'Select who to sign in as', href: '#persona' }]);
    expect(await visitor.page.title()).toMatch(/^Error: /);
    await visitor.expectAccessible();
  });

  it('ends a session after the idle timeout, and keeps it while the person is active', async () => {
    // 6 s, visited every 2 s for 8 s: a page load on a loaded machine (seconds, at worst) stays inside the timeout.
    const shortSessions = await web.stack.startWeb({ SESSION_IDLE_TIMEOUT_SECONDS: '6' });
    const visitor = await web.visit(true, shortSessions);
    const home = await signIn(visitor, PERSONA.wypReferrer);
    for (let step = 0; step < 4; step++) {
      await new Promise((wake) => setTimeout(wake, 2000));
      await visitor.page.goto('/');
      expect(await home.signedInAs()).toBe('DC Jane Smith, West Yorkshire Police');
    }
    await new Promise((wake) => setTimeout(wake, 8000));
    await visitor.page.goto('/');
    expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
  });

  it('warns before the idle timeout; one key press or typing keeps the session, doing nothing ends it', async () => {
    // 12 s: the session may end 11.6 s after a request, so the warning opens at 7.7 s.
    const shortSessions = await web.stack.startWeb({ SESSION_IDLE_TIMEOUT_SECONDS: '12' });
    const visitor = await web.visit(true, shortSessions);
    const home = await signIn(visitor, PERSONA.wypReferrer);
    const { page } = visitor;
    const warning = page.getByRole('dialog', { name: 'You will be signed out soon' });
    expect(await warning.isVisible()).toBe(false);
    await warning.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await warning.innerText()).toMatch(/signed out in \d seconds? if you do nothing/);
    await visitor.expectAccessible();
    // The keyboard alone: "Stay signed in" has the focus.
    await page.keyboard.press('Enter');
    await warning.waitFor({ state: 'hidden' });
    await sleep(6_000); // past when the session would have ended without it
    await page.goto('/referrals');
    expect(await home.signedInAs()).toBe('DC Jane Smith, West Yorkshire Police');

    // Typing counts as being there: the session is pushed on without a warning.
    await sleep(3_000);
    await page.getByLabel('Search by reference or subject').pressSequentially('MoRiLE');
    await sleep(10_000);
    expect(await warning.isVisible()).toBe(false);
    await page.goto('/');
    expect(await home.signedInAs()).toBe('DC Jane Smith, West Yorkshire Police');

    // Nobody there: the warning counts down, and then signs the person out.
    await page.waitForURL('**/signed-out?reason=inactive', { timeout: 20_000 });
    expect(await home.heading()).toBe('You have signed out');
    expect(await page.locator('main').innerText()).toContain('we signed you out after 12 seconds without activity');
    await visitor.expectAccessible();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('tells a screen reader the time left as the count passes each step, not every second', async () => {
    // 60 s: the session may end 58 s after a request; the warning opens at 38.7 s with 18.3 s left ("30 seconds").
    const shortSessions = await web.stack.startWeb({ SESSION_IDLE_TIMEOUT_SECONDS: '60' });
    const visitor = await web.visit(true, shortSessions);
    await signIn(visitor, PERSONA.wypReferrer);
    const { page } = visitor;
    // Everything the live region is given from now on, in order.
    await page.evaluate(`
      const region = document.querySelector('[data-timeout-announcement]');
      window.spoken = [];
      new MutationObserver(() => window.spoken.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
    `);
    const spoken = () => page.evaluate<string[]>('window.spoken');
    const warning = page.getByRole('dialog', { name: 'You will be signed out soon' });
    await warning.waitFor({ state: 'visible', timeout: 50_000 });
    expect(await page.locator('[data-timeout-announcement]').getAttribute('aria-live')).toBe('polite');
    await page
      .locator('[data-timeout-announcement]', { hasText: 'You will be signed out in 15 seconds.' })
      .waitFor({ state: 'attached', timeout: 10_000 });
    await page.waitForTimeout(2_500); // the visible count changes twice more meanwhile; the region does not
    // Opening, the dialog's own text was read; the region spoke once, as 15 seconds were left.
    expect(await spoken()).toEqual(['You will be signed out in 15 seconds.']);
    expect(await warning.innerText()).toMatch(/signed out in \d+ seconds? if you do nothing/);
    await visitor.expectAccessible();
    await page.keyboard.press('Enter'); // Stay signed in
    await warning.waitFor({ state: 'hidden' });
    expect((await spoken()).at(-1)).toBe('');
  });

  it('signs out a session with nobody in it without a CSRF token, but not a signed-in one', async () => {
    const signOut = (cookie?: string) =>
      fetch(`${web.stack.webUrl}/sign-out`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: 'reason=inactive',
      });
    const nobody = await signOut();
    expect([nobody.status, nobody.headers.get('location')]).toEqual([303, '/signed-out?reason=inactive']);

    const visitor = await web.visit();
    const home = await signIn(visitor, PERSONA.wypReferrer);
    const session = (await visitor.context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
    expect((await signOut(`${SESSION_COOKIE}=${session?.value ?? ''}`)).status).toBe(403);
    await visitor.page.goto('/');
    expect(await home.signedInAs()).toBe('DC Jane Smith, West Yorkshire Police');
  });

  it('refuses a form posted without the CSRF token, changing nothing', async () => {
    const visitor = await web.visit();
    const home = await signIn(visitor, PERSONA.wypReferrer);
    const cookie = (await visitor.context.cookies()).find((each) => each.name === SESSION_COOKIE);
    const forged = await fetch(`${visitor.baseUrl}/sign-out`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${cookie?.value ?? ''}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'confirm=yes',
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('This form could not be sent');
    await visitor.page.goto('/');
    expect(await home.signedInAs()).toBe('DC Jane Smith, West Yorkshire Police');

    const wrongToken = await fetch(`${visitor.baseUrl}/sign-out`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${cookie?.value ?? ''}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '_csrf=not-the-token',
      redirect: 'manual',
    });
    expect(wrongToken.status).toBe(403);
  });

  it('never shows the API token to the browser: not in a page, not in a cookie', async () => {
    const visitor = await web.visit();
    const home = await signIn(visitor, PERSONA.assessor);
    const tokens = await sessionTokens();
    expect(tokens.length).toBeGreaterThan(0);
    const pages = [await visitor.page.content()];
    for (const path of ['/', '/accessibility', '/no-such-page']) {
      await visitor.page.goto(path);
      pages.push(await visitor.page.content());
    }
    const cookies = await visitor.context.cookies();
    const browserSide = JSON.stringify({
      pages,
      cookies,
      documentCookie: await visitor.page.evaluate('document.cookie'),
    });
    for (const token of tokens) expect(browserSide).not.toContain(token);
    const sessionCookie = cookies.find((cookie) => cookie.name === SESSION_COOKIE);
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await home.heading()).toBe('Page not found');
  });

  /** The web app's session store on the test database, with one session id of its own. */
  function sessionStoreUnderTest() {
    const store = new IntervalTouchStore(
      { pool: web.stack.db, tableName: 'web_session', pruneSessionInterval: false },
      1,
    );
    const sid = `race-${randomUUID()}`;
    const cookie = { expires: new Date(Date.now() + 60_000), originalMaxAge: 60_000 };
    return {
      /** Signs in: a new session is inserted. */
      begin: (data: Record<string, unknown>) =>
        promisify(store.set.bind(store))(sid, { cookie, ...data } as unknown as SessionData),
      /** A request reads the session as it is given here (from the store, as express-session does). */
      read: (data: Record<string, unknown>) =>
        store.createSession(
          { sessionID: sid, sessionStore: store } as unknown as Request,
          {
            cookie: { ...cookie },
            ...data,
          } as unknown as SessionData,
        ),
      save: (session: SessionData) => promisify(store.set.bind(store))(sid, session),
      signOut: () => new Promise<void>((done) => store.destroy(sid, () => done())),
      stored: async () =>
        (
          await web.stack.db.query<{ sess: Record<string, unknown> }>(`SELECT sess FROM web_session WHERE sid = $1`, [
            sid,
          ])
        ).rows,
    };
  }

  it('does not bring back a session signed out while another of its requests was still running', async () => {
    const { begin, read, save, signOut, stored } = sessionStoreUnderTest();
    await begin({ apiToken: 'first' });
    await save(read({ apiToken: 'changed' })); // a later request changes it
    expect((await stored()).map((row) => row.sess.apiToken)).toEqual(['changed']);
    const slow = read({ apiToken: 'changed' }); // a slow request in another tab has read it...
    await signOut(); // ...when the person signs out
    await save(slow);
    expect(await stored()).toEqual([]);
  });

  it('keeps a renewed API token when a request that read the session before the renewal saves it', async () => {
    const { begin, read, save, stored } = sessionStoreUnderTest();
    const first = { apiToken: 'first', refreshToken: 'refresh-1', apiTokenRefreshAt: 1_000 };
    await begin(first);
    const slow = read(first); // a request reads the session...
    await save(read({ apiToken: 'second', refreshToken: 'refresh-2', apiTokenRefreshAt: 2_000 })); // ...another renews
    await save(Object.assign(slow, { notice: 'Saved' })); // the first ends, with a change of its own
    expect((await stored())[0].sess).toMatchObject({
      apiToken: 'second',
      refreshToken: 'refresh-2',
      apiTokenRefreshAt: 2_000,
      notice: 'Saved',
    });
    // A refresh token the provider refused is forgotten: that save is written as it is.
    await save(read({ apiToken: 'second' }));
    expect((await stored())[0].sess.refreshToken).toBeUndefined();
  });

  it('keeps no session for a visitor shown no form: the health probe, an unknown address', async () => {
    const sessions = async () => (await web.stack.db.query('SELECT 1 FROM web_session')).rowCount;
    const before = await sessions();
    const answers = await Promise.all(['/health', '/no-such-page'].map((path) => fetch(`${web.stack.webUrl}${path}`)));
    expect(answers.map((answer) => [answer.status, answer.headers.get('set-cookie')])).toEqual([
      [200, null],
      [404, null],
    ]);
    expect(await sessions()).toBe(before);
    // The sign-in page's form needs its token, and so a session.
    expect((await fetch(`${web.stack.webUrl}/sign-in`)).headers.get('set-cookie')).toContain(SESSION_COOKIE);
  });

  it('answers a form too large or unreadable with a page saying so, not as a service failure', async () => {
    const post = (body: string, charset = 'utf-8') =>
      fetch(`${web.stack.webUrl}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': `application/x-www-form-urlencoded; charset=${charset}` },
        body,
      });
    const answers = [
      await post(`persona=${'a'.repeat(250_000)}`),
      await post('persona=x', 'klingon'),
      await fetch(`${web.stack.webUrl}/referrals/%E0%A4%A`), // an address that does not decode
    ];
    const titles = await Promise.all(answers.map(async (answer) => /<h1[^>]*>([^<]*)</.exec(await answer.text())?.[1]));
    expect([...answers.map((answer) => answer.status), ...titles]).toEqual([
      413,
      415,
      400,
      'What you entered is too long to send',
      'What was sent could not be read',
      'What was sent could not be read',
    ]);
  });

  it('lets no page be stored by a browser or proxy; the static assets may be', async () => {
    const page = await fetch(`${web.stack.webUrl}/sign-in`);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const missing = await fetch(`${web.stack.webUrl}/no-such-page`);
    expect({ status: missing.status, cacheControl: missing.headers.get('cache-control') }).toEqual({
      status: 404,
      cacheControl: 'no-store',
    });
    const asset = await fetch(`${web.stack.webUrl}/assets/govuk/govuk-frontend.min.css`);
    expect({ status: asset.status, cacheControl: asset.headers.get('cache-control') }).toEqual({
      status: 200,
      cacheControl: 'public, max-age=3600',
    });
  });

  it('serves a strict nonce-based Content-Security-Policy and no inline scripts', async () => {
    const response = await fetch(`${web.stack.webUrl}/sign-in`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toContain(`nonce="${nonce}"`);
      expect(attributes).toMatch(/\bsrc="/);
      expect(body.trim()).toBe('');
    }
    const again = await fetch(`${web.stack.webUrl}/sign-in`);
    expect(again.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);
  });

  it('has an accessible home page for each role, and a clear page for an unknown address', async () => {
    const visitor = await web.visit();
    const home = await signIn(visitor, PERSONA.chair);
    expect(await home.heading()).toBe('ROCU Gateway');
    await visitor.expectAccessible();
    await visitor.screenshot('home');
    const missing = await visitor.page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    expect(await home.heading()).toBe('Page not found');
    await visitor.expectAccessible();
  });

  it('answers a form too large and an address that does not decode on accessible pages, still signed in', async () => {
    const visitor = await web.visit();
    const home = await signIn(visitor, PERSONA.wypReferrer);
    const [tooLarge] = await Promise.all([
      visitor.page.waitForNavigation(),
      // A form no page offers, posted by the browser as a form is: the body is refused before any route reads it.
      visitor.page.evaluate(`{
        const form = Object.assign(document.createElement('form'), { method: 'post', action: '/referrals' });
        form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'summary', value: 'a'.repeat(250000) }));
        document.body.append(form);
        form.submit();
      }`),
    ]);
    expect(tooLarge?.status()).toBe(413);
    expect(await home.heading()).toBe('What you entered is too long to send');
    expect(await home.signedInAs()).toBe('DC Jane Smith, West Yorkshire Police');
    await visitor.expectAccessible();

    const undecodable = await visitor.page.goto('/referrals/%E0%A4%A');
    expect(undecodable?.status()).toBe(400);
    expect(await home.heading()).toBe('What was sent could not be read');
    expect(await home.signedInAs()).toBe('DC Jane Smith, West Yorkshire Police');
    await visitor.expectAccessible();
    // The browser logs both statuses as errors, as it does any page's; these two are meant.
    expect(visitor.browserErrors.splice(0).map((text) => /status of (\d+)/.exec(text)?.[1])).toEqual(['413', '400']);
  });
});
