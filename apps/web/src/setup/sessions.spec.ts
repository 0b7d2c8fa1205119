import type { Pool } from 'pg';
import type session from 'express-session';
import { IntervalTouchStore } from './sessions';

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
