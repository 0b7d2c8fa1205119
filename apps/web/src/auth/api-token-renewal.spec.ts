import type { Request, Response } from 'express';
import { keepApiTokenFresh, RenewedTokens, renewalDue } from './api-token-renewal';
import type { WebSession } from './web-session';

const NOW = Date.UTC(2026, 11, 4, 12);

describe('when an API token is renewed', () => {
  it('is a minute before it expires, or half-way through a life under two minutes', () => {
    expect(renewalDue(600, NOW)).toBe(NOW + 540_000);
    expect(renewalDue(60, NOW)).toBe(NOW + 30_000);
    expect(renewalDue(120, NOW)).toBe(NOW + 60_000);
  });

  it('is never when the provider gave no expiry', () => {
    expect(renewalDue(undefined, NOW)).toBeUndefined();
    expect(renewalDue(0, NOW)).toBeUndefined();
  });
});

describe('keeping the API token fresh', () => {
  const user = { sub: 's', name: 'n', roles: [], org: 'WYP', orgName: 'West Yorkshire Police' };
  const session = (overrides: Partial<WebSession>): WebSession =>
    ({
      user,
      apiToken: 'old',
      refreshToken: 'refresh-1',
      apiTokenRefreshAt: Date.now() - 1,
      ...overrides,
    }) as WebSession;

  async function run(current: WebSession, renew: (token: string) => Promise<RenewedTokens | undefined>) {
    const calls: string[] = [];
    await new Promise<void>((next) =>
      keepApiTokenFresh({
        renew: (token) => {
          calls.push(token);
          return renew(token);
        },
      })({ session: current } as unknown as Request, {} as Response, () => next()),
    );
    return calls;
  }

  it('renews a due token with the refresh token, and keeps what the provider gave for next time', async () => {
    const current = session({});
    const calls = await run(current, () =>
      Promise.resolve({
        apiToken: 'new',
        idToken: 'id-2',
        renewal: { refreshToken: 'refresh-2', apiTokenRefreshAt: NOW },
      }),
    );
    expect(calls).toEqual(['refresh-1']);
    expect(current).toMatchObject({
      apiToken: 'new',
      idToken: 'id-2',
      refreshToken: 'refresh-2',
      apiTokenRefreshAt: NOW,
    });
  });

  it('does not renew a token not yet due, or without a refresh token, or with nobody signed in', async () => {
    for (const current of [
      session({ apiTokenRefreshAt: Date.now() + 60_000 }),
      session({ refreshToken: undefined }),
      session({ user: undefined }),
    ]) {
      expect(await run(current, () => Promise.reject(new Error('not asked')))).toEqual([]);
      expect(current.apiToken).toBe('old');
    }
  });

  it('forgets a refresh token the provider refused, and goes on with the token it has', async () => {
    const current = session({});
    await run(current, () => Promise.resolve(undefined));
    expect(current.apiToken).toBe('old');
    expect(current.refreshToken).toBeUndefined();
    expect(current.apiTokenRefreshAt).toBeUndefined();
  });

  it('keeps everything to try again when the provider did not answer', async () => {
    const current = session({});
    await run(current, () => Promise.reject(new Error('ECONNREFUSED')));
    expect(current).toMatchObject({ apiToken: 'old', refreshToken: 'refresh-1' });
    expect(current.apiTokenRefreshAt).toBeLessThan(Date.now());
  });
});
