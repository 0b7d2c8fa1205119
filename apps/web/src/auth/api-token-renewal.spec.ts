import type { Request, Response } from 'express';
import type { HeldTokens, SessionTokens, StoredRenewal } from '@rocu/persistence/web-sessions';
import { keepApiTokenFresh, RenewedTokens, renewalTimes } from './api-token-renewal';
import type { SharedRenewals } from './shared-renewal';
import type { WebSession } from './web-session';

const NOW = Date.UTC(2026, 11, 4, 12);

describe('when an API token is renewed', () => {
  it('is a minute before it expires, or half-way through a life under two minutes', () => {
    expect(renewalTimes(600, NOW)).toEqual({ apiTokenRefreshAt: NOW + 540_000, apiTokenExpiresAt: NOW + 600_000 });
    expect(renewalTimes(60, NOW)).toEqual({ apiTokenRefreshAt: NOW + 30_000, apiTokenExpiresAt: NOW + 60_000 });
    expect(renewalTimes(120, NOW)?.apiTokenRefreshAt).toBe(NOW + 60_000);
  });

  it('is never when the provider gave no expiry', () => {
    expect(renewalTimes(undefined, NOW)).toBeUndefined();
    expect(renewalTimes(0, NOW)).toBeUndefined();
  });
});

describe('keeping the API token fresh', () => {
  const user = { sub: 's', name: 'n', roles: [], org: 'WYP', orgName: 'West Yorkshire Police' };
  /** Renewal due; the token itself expired a second ago unless told otherwise. */
  const session = (overrides: Partial<WebSession>): WebSession =>
    ({
      user,
      apiToken: 'old',
      refreshToken: 'refresh-1',
      apiTokenRefreshAt: Date.now() - 1_000,
      apiTokenExpiresAt: Date.now() - 1_000,
      ...overrides,
    }) as WebSession;
  const renewed: RenewedTokens = {
    apiToken: 'new',
    idToken: 'id-2',
    renewal: { refreshToken: 'refresh-2', apiTokenRefreshAt: NOW, apiTokenExpiresAt: NOW + 60_000 },
  };

  /** The session's row as SharedRenewals keeps it (web_session in the web app), in memory; undefined: it ended. */
  class StoredSession implements SharedRenewals {
    claimed = false;
    reads = 0;
    failingStores = 0;
    constructor(public tokens: SessionTokens | undefined) {}

    private holds(held: HeldTokens): boolean {
      return this.tokens?.apiToken === held.apiToken && this.tokens.refreshToken === held.refreshToken;
    }

    claim(_sid: string, held: HeldTokens): Promise<boolean> {
      const free = !this.claimed && this.holds(held);
      if (free) this.claimed = true;
      return Promise.resolve(free);
    }

    store(_sid: string, held: HeldTokens, tokens: SessionTokens): Promise<boolean> {
      if (this.failingStores-- > 0) return Promise.reject(new Error('connection terminated'));
      if (!this.tokens || !this.holds(held)) return Promise.resolve(false);
      const { apiToken, idToken } = this.tokens;
      this.tokens = { apiToken, idToken, ...tokens };
      this.claimed = false;
      return Promise.resolve(true);
    }

    release(): Promise<void> {
      this.claimed = false;
      return Promise.resolve();
    }

    state(): Promise<StoredRenewal | undefined> {
      this.reads++;
      return Promise.resolve(this.tokens && { tokens: { ...this.tokens }, claimed: this.claimed });
    }
  }

  const storedAs = (current: WebSession): StoredSession =>
    new StoredSession({ apiToken: current.apiToken, refreshToken: current.refreshToken });

  async function run(
    current: WebSession,
    renew: () => Promise<RenewedTokens | undefined>,
    { path = '/referrals', stored = storedAs(current) }: { path?: string; stored?: SharedRenewals } = {},
  ) {
    const calls: string[] = [];
    const revoked: string[] = [];
    const started = Date.now();
    await new Promise<void>((next) =>
      keepApiTokenFresh(
        {
          renew: (token) => {
            calls.push(token);
            return renew();
          },
          revoke: (token) => Promise.resolve(void revoked.push(token)),
        },
        stored,
      )({ session: current, path, sessionID: 'sid-1' } as unknown as Request, {} as Response, () => next()),
    );
    return { calls, revoked, waitedMs: Date.now() - started };
  }

  it('renews a due token with the refresh token, and keeps what the provider gave for next time', async () => {
    const current = session({});
    expect((await run(current, () => Promise.resolve(renewed))).calls).toEqual(['refresh-1']);
    expect(current).toMatchObject({ apiToken: 'new', idToken: 'id-2', ...renewed.renewal });
  });

  it('does not renew a token not yet due, without a refresh token, with nobody signed in, or to sign out', async () => {
    for (const [current, path] of [
      [session({ apiTokenRefreshAt: Date.now() + 60_000 }), '/referrals'],
      [session({ refreshToken: undefined }), '/referrals'],
      [session({ user: undefined }), '/referrals'],
      [session({}), '/sign-out'],
    ] as const) {
      expect((await run(current, () => Promise.reject(new Error('not asked')), { path })).calls).toEqual([]);
      expect(current.apiToken).toBe('old');
    }
  });

  it('forgets a refresh token the provider refused, and goes on with the token it has', async () => {
    const current = session({});
    await run(current, () => Promise.resolve(undefined));
    expect(current.apiToken).toBe('old');
    expect([current.refreshToken, current.apiTokenRefreshAt, current.apiTokenExpiresAt]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('keeps everything to try again when the provider did not answer, and gives up its claim', async () => {
    const current = session({});
    const stored = storedAs(current);
    await run(current, () => Promise.reject(new Error('ECONNREFUSED')), { stored });
    expect(current).toMatchObject({ apiToken: 'old', refreshToken: 'refresh-1' });
    expect(await stored.state()).toEqual({ tokens: { apiToken: 'old', refreshToken: 'refresh-1' }, claimed: false });
  });

  it('stores what the provider gave, or that it refused the refresh token, for the session in every instance', async () => {
    const current = session({});
    const stored = storedAs(current);
    await run(current, () => Promise.resolve(renewed), { stored });
    expect(await stored.state()).toEqual({
      tokens: { apiToken: 'new', idToken: 'id-2', ...renewed.renewal },
      claimed: false,
    });

    const refused = session({});
    const forgotten = storedAs(refused);
    await run(refused, () => Promise.resolve(undefined), { stored: forgotten });
    expect(await forgotten.state()).toEqual({ tokens: { apiToken: 'old' }, claimed: false });
  });

  it('does not renew while another request holds the claim: it takes the tokens that request stores', async () => {
    const current = session({});
    const stored = storedAs(current);
    stored.claimed = true;
    const elsewhere = new Promise<void>((done) => setTimeout(done, 300)).then(() =>
      stored.store('sid-1', { apiToken: 'old', refreshToken: 'refresh-1' }, { apiToken: 'new', ...renewed.renewal }),
    );
    const { calls } = await run(current, () => Promise.reject(new Error('not asked')), { stored });
    await elsewhere;
    expect(calls).toEqual([]);
    expect(current).toMatchObject({ apiToken: 'new', ...renewed.renewal });
  });

  it('takes a renewal stored by another request that kept the refresh token (a provider that does not rotate it)', async () => {
    const current = session({});
    const stored = storedAs(current);
    stored.claimed = true;
    const sameRefreshToken = { ...renewed.renewal, refreshToken: 'refresh-1' } as const;
    setTimeout(
      () =>
        void stored.store(
          'sid-1',
          { apiToken: 'old', refreshToken: 'refresh-1' },
          { apiToken: 'new', ...sameRefreshToken },
        ),
      300,
    );
    const { calls } = await run(current, () => Promise.reject(new Error('not asked')), { stored });
    expect(calls).toEqual([]);
    expect(current).toMatchObject({ apiToken: 'new', ...sameRefreshToken });
  });

  it('revokes the new refresh token when the session ended while the provider answered', async () => {
    const current = session({});
    const stored = storedAs(current);
    const signedOut = () => {
      stored.tokens = undefined;
      return Promise.resolve(renewed);
    };
    const { calls, revoked } = await run(current, signedOut, { stored });
    expect(calls).toEqual(['refresh-1']);
    expect(revoked).toEqual(['refresh-2']);
  });

  it('stores the renewal again when the session store failed at first', async () => {
    const current = session({});
    const stored = storedAs(current);
    stored.failingStores = 2;
    await run(current, () => Promise.resolve(renewed), { stored });
    expect(current.apiToken).toBe('new');
    expect(await stored.state()).toMatchObject({
      tokens: { apiToken: 'new', refreshToken: 'refresh-2' },
      claimed: false,
    });
  });

  it("stops looking for another request's renewal once it went on with a token still valid", async () => {
    const current = session({ apiTokenExpiresAt: Date.now() + 30_000 });
    const stored = storedAs(current);
    stored.claimed = true; // and never stored
    await run(current, () => Promise.reject(new Error('not asked')), { stored });
    const readsWhenItWentOn = stored.reads;
    expect(readsWhenItWentOn).toBeGreaterThan(5);
    await new Promise((wake) => setTimeout(wake, 500));
    expect(stored.reads).toBeLessThanOrEqual(readsWhenItWentOn + 1); // at most the read under way
  });

  it('goes on with the token it has when the claim it waited on ends without a renewal', async () => {
    const current = session({});
    const stored = storedAs(current);
    stored.claimed = true;
    setTimeout(() => void stored.release(), 300);
    const { calls } = await run(current, () => Promise.reject(new Error('not asked')), { stored });
    expect(calls).toEqual([]);
    expect(current).toMatchObject({ apiToken: 'old', refreshToken: 'refresh-1' });
  });

  it("stores a slow provider's answer when it comes, though the request went on without it", async () => {
    const current = session({ apiTokenExpiresAt: Date.now() + 30_000 });
    const stored = storedAs(current);
    let answer: (tokens: RenewedTokens) => void = () => undefined;
    await run(current, () => new Promise<RenewedTokens>((given) => (answer = given)), { stored });
    expect(current.apiToken).toBe('old');
    answer(renewed);
    for (let tries = 0; tries < 100 && (await stored.state())?.tokens.apiToken !== 'new'; tries++) {
      await new Promise((wake) => setTimeout(wake, 10));
    }
    expect((await stored.state())?.tokens).toMatchObject({ apiToken: 'new', refreshToken: 'refresh-2' });
  });

  it('waits for a slow provider while the token has expired, but not while it is still valid', async () => {
    const slow = () => new Promise<RenewedTokens>((answer) => setTimeout(() => answer(renewed), 3_000));
    const valid = session({ apiTokenExpiresAt: Date.now() + 30_000 });
    const goesOn = await run(valid, slow);
    expect(goesOn.waitedMs).toBeLessThan(2_900);
    expect(valid.apiToken).toBe('old'); // the answer comes later, for the next request
    const expired = session({});
    const waits = await run(expired, slow);
    expect(waits.waitedMs).toBeGreaterThanOrEqual(2_900);
    expect(expired.apiToken).toBe('new');
  });
});
