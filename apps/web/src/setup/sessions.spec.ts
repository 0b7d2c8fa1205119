import type { Pool } from 'pg';
import type session from 'express-session';
import { SESSION_READ_CACHE_MS, WebSessionStore } from './sessions';

const data = {
  cookie: { expires: new Date(Date.now() + 3_600_000) },
  user: { name: 'A' },
} as unknown as session.SessionData;

/**
 * A pool that records the statements the store sends; a SELECT finds `data` (the sessions table's row), or
 * with `held`, waits until the test answers it.
 */
function recordingPool(held = false): { pool: Pool; statements: string[]; answer: () => void } {
  const statements: string[] = [];
  const waiting: (() => void)[] = [];
  const pool = {
    query: (text: string) => {
      statements.push(text.split(' ')[0]);
      const rows = text.startsWith('SELECT') ? [{ sess: JSON.parse(JSON.stringify(data)) as unknown }] : [];
      if (!held || !text.startsWith('SELECT')) return Promise.resolve({ rows });
      return new Promise((resolve) => waiting.push(() => resolve({ rows })));
    },
  } as unknown as Pool;
  return { pool, statements, answer: () => waiting.shift()?.() };
}

const storeOn = (pool: Pool) =>
  new WebSessionStore({ pool, tableName: 'web_session', pruneSessionInterval: false }, 60_000);
const touch = (store: WebSessionStore, sid: string) =>
  new Promise<void>((done) => store.touch(sid, data, () => done()));
const read = (store: WebSessionStore, sid: string) =>
  new Promise<session.SessionData | null | undefined>((done) => store.get(sid, (_error, found) => done(found)));
const save = (store: WebSessionStore, sid: string, saved = data) =>
  new Promise<void>((done) => store.set(sid, saved, () => done()));
const destroy = (store: WebSessionStore, sid: string) => new Promise<void>((done) => store.destroy(sid, () => done()));

describe('WebSessionStore', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z'), doNotFake: ['nextTick'] }));
  afterEach(() => jest.useRealTimers());

  it('extends a session in Postgres at most once per interval, and again once the interval has passed', async () => {
    const { pool, statements } = recordingPool();
    const store = storeOn(pool);
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
    const store = storeOn(pool);
    await save(store, 'a');
    await touch(store, 'a');
    await touch(store, 'b');
    await destroy(store, 'a');
    await touch(store, 'a');
    expect(statements).toEqual(['INSERT', 'UPDATE', 'DELETE', 'UPDATE']);
  });

  it('answers a session read or saved here from memory (a copy each time) until the cache lapses', async () => {
    const { pool, statements } = recordingPool();
    const store = storeOn(pool);
    const first = await read(store, 'a');
    const again = await read(store, 'a');
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(statements).toEqual(['SELECT']);
    jest.advanceTimersByTime(SESSION_READ_CACHE_MS);
    await read(store, 'a');
    expect(statements).toEqual(['SELECT', 'SELECT']);

    const changed = { ...data, user: { name: 'B' } } as unknown as session.SessionData;
    await save(store, 'b', changed);
    expect(await read(store, 'b')).toMatchObject({ user: { name: 'B' } });
    expect(statements).toEqual(['SELECT', 'SELECT', 'INSERT']);
  });

  it('reads a session from Postgres again as soon as it is destroyed here', async () => {
    const { pool, statements } = recordingPool();
    const store = storeOn(pool);
    await read(store, 'a');
    await destroy(store, 'a');
    await read(store, 'a');
    expect(statements).toEqual(['SELECT', 'DELETE', 'SELECT']);
  });

  it('does not keep a read that was on its way when the session was destroyed', async () => {
    const { pool, statements, answer } = recordingPool(true);
    const store = storeOn(pool);
    const reading = read(store, 'a');
    await Promise.resolve(); // the SELECT is sent
    await destroy(store, 'a');
    answer();
    await reading;
    const readAgain = read(store, 'a');
    await new Promise(process.nextTick);
    expect(statements).toEqual(['SELECT', 'DELETE', 'SELECT']);
    answer();
    await readAgain;
  });

  it('never answers from memory past the expiry the session was stored with', async () => {
    const { pool, statements } = recordingPool();
    const store = storeOn(pool);
    const expiring = { cookie: { expires: new Date(Date.now() + 1_000) } } as unknown as session.SessionData;
    await save(store, 'a', expiring);
    jest.advanceTimersByTime(1_000);
    await read(store, 'a');
    expect(statements).toEqual(['INSERT', 'SELECT']);
  });
});
