import type { Pool } from 'pg';
import type session from 'express-session';
import express from 'express';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { loadWebConfig } from '@rocu/config';
import { IntervalTouchStore, useSessions } from './sessions';

const WEB_ENV = {
  NODE_ENV: 'production',
  AUTH_MODE: 'oidc',
  OIDC_ISSUER_URL: 'https://idp.example.police.uk',
  OIDC_CLIENT_ID: 'web',
  OIDC_CLIENT_SECRET: 'secret',
  WEB_BASE_URL: 'https://gateway.example.police.uk',
  DATABASE_URL: 'postgres://localhost/rocu',
  SESSION_SECRET: 'x'.repeat(32),
};

/** A pool that records the statements the store sends and answers each with no rows. */
function recordingPool(): { pool: Pool; statements: string[] } {
  const statements: string[] = [];
  const pool = {
    query: (text: string, _values: unknown[], callback: (error: null, result: { rows: [] }) => void) => {
      statements.push(text.split(' ')[0]);
      callback(null, { rows: [] });
    },
  } as unknown as Pool;
  return { pool, statements };
}

const data = { cookie: { expires: new Date(Date.now() + 60_000) } } as unknown as session.SessionData;
const touch = (store: IntervalTouchStore, sid: string) =>
  new Promise<void>((done) => store.touch(sid, data, () => done()));

describe('IntervalTouchStore', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z'), doNotFake: ['nextTick'] }));
  afterEach(() => jest.useRealTimers());

  it('extends a session in Postgres at most once per interval, and again once the interval has passed', async () => {
    const { pool, statements } = recordingPool();
    const store = new IntervalTouchStore({ pool, tableName: 'web_session', pruneSessionInterval: false }, 60_000);
    await touch(store, 'a');
    await touch(store, 'a');
    jest.advanceTimersByTime(59_000);
    await touch(store, 'a');
    expect(statements).toEqual(['UPDATE']);
    jest.advanceTimersByTime(1_000);
    await touch(store, 'a');
    expect(statements).toEqual(['UPDATE', 'UPDATE']);
  });

  it('counts a save as a write, keeps sessions apart, and forgets a destroyed session', async () => {
    const { pool, statements } = recordingPool();
    const store = new IntervalTouchStore({ pool, tableName: 'web_session', pruneSessionInterval: false }, 60_000);
    await new Promise<void>((done) => store.set('a', data, () => done()));
    await touch(store, 'a');
    await touch(store, 'b');
    await new Promise<void>((done) => store.destroy('a', () => done()));
    await touch(store, 'a');
    expect(statements).toEqual(['INSERT', 'UPDATE', 'DELETE', 'UPDATE']);
  });
});

describe('useSessions behind a TLS proxy (production: the cookie is Secure)', () => {
  /** Serves one page that starts a session; answers the Set-Cookie header of a request forwarded as https. */
  async function cookieForwardedAsHttps(
    trustProxy: string,
    env: Record<string, string> = {},
  ): Promise<string | undefined> {
    const app = express();
    const config = loadWebConfig({ ...WEB_ENV, TRUST_PROXY: trustProxy, ...env });
    useSessions(app, config, recordingPool().pool);
    app.get('/', (request, response) => {
      (request.session as unknown as { started: boolean }).started = true;
      response.send('ok');
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(response.status).toBe(200);
      return response.headers.get('set-cookie') ?? undefined;
    } finally {
      server.close();
    }
  }

  it('sets the Secure session cookie when the proxy is trusted', async () => {
    expect(await cookieForwardedAsHttps('loopback')).toMatch(/^rocu\.sid=.*; Secure/);
    expect(await cookieForwardedAsHttps('127.0.0.1/8')).toMatch(/; Secure/);
  });

  it('keeps the cookie Secure outside production when the public address is https, and only then', async () => {
    expect(await cookieForwardedAsHttps('loopback', { NODE_ENV: 'development' })).toMatch(/; Secure/);
    const upperCase = { NODE_ENV: 'development', WEB_BASE_URL: 'HTTPS://gateway.example.police.uk' };
    expect(await cookieForwardedAsHttps('loopback', upperCase)).toMatch(/; Secure/);
    const plain = { NODE_ENV: 'development', WEB_BASE_URL: 'http://127.0.0.1:3001' };
    expect(await cookieForwardedAsHttps('loopback', plain)).not.toMatch(/; Secure/);
  });

  it('sets no cookie when the forwarding proxy is not trusted (the request is plain http)', async () => {
    expect(await cookieForwardedAsHttps('none')).toBeUndefined();
    expect(await cookieForwardedAsHttps('10.0.0.0/8')).toBeUndefined();
  });
});
