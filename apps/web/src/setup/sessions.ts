import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import type { WebConfig } from '@rocu/config';

export const SESSION_COOKIE = 'rocu.sid';

/** A session's expiry is pushed on at most this often (a thirtieth of the idle timeout: a minute of 30). */
const TOUCH_FRACTION_OF_TIMEOUT = 30;

/** How long a session read or written by this process is answered from its memory instead of Postgres. */
export const SESSION_READ_CACHE_MS = 5_000;

const PgStore = connectPgSimple(session);

type Callback<T = void> = (error?: unknown, value?: T) => void;

/** Drops a map's entries older than `maxAgeMs`; the map is kept in write order, so the oldest come first. */
function dropOlder<T extends { at: number }>(entries: Map<string, T>, now: number, maxAgeMs: number): void {
  for (const [key, entry] of entries) {
    if (now - entry.at < maxAgeMs) break;
    entries.delete(key);
  }
}

/**
 * The Postgres store, made cheaper for the page reads that are most of the traffic:
 * - a session's expiry is extended at most once per interval instead of on every request, so a page costs
 *   at most one query (the session's SELECT) instead of two; the idle timeout stays exact to within it;
 * - a session this process read or wrote in the last SESSION_READ_CACHE_MS is answered from memory (a fresh
 *   copy each time, never past the expiry it was stored with), so a burst of pages (a redirect after a
 *   form, quick navigation) costs no query at all. Signing out here forgets it at once; a read that was
 *   already on its way when anything was written or destroyed is not kept. Another web process's sign-out
 *   or write reaches this one's memory only when the entry lapses, so with several web processes behind a
 *   balancer, route each session to one of them (sticky sessions) or accept that window.
 */
export class WebSessionStore extends PgStore {
  private readonly writtenAt = new Map<string, { at: number }>();
  private readonly recent = new Map<string, { at: number; until: number; json: string }>();
  /** Bumped by every write and destroy: a read that started before one is not cached. */
  private writes = 0;

  constructor(
    options: ConstructorParameters<typeof PgStore>[0],
    private readonly touchIntervalMs: number,
  ) {
    super(options);
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const now = Date.now();
    const hit = this.recent.get(sid);
    if (hit && now < hit.until) return callback(null, JSON.parse(hit.json) as session.SessionData);
    const writesBefore = this.writes;
    super.get(sid, (error: unknown, data?: session.SessionData | null) => {
      if (!error && data && this.writes === writesBefore) this.remember(sid, JSON.stringify(data));
      callback(error, data);
    });
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const write = ++this.writes;
    const json = JSON.stringify(data);
    this.recent.delete(sid);
    this.touched(sid);
    super.set(sid, data, (error?: unknown) => {
      if (!error && this.writes === write) this.remember(sid, json);
      callback?.(error);
    });
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const last = this.writtenAt.get(sid);
    if (last !== undefined && Date.now() - last.at < this.touchIntervalMs) return callback?.();
    this.touched(sid);
    super.touch(sid, data, callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    this.writes += 1;
    this.recent.delete(sid);
    this.writtenAt.delete(sid);
    super.destroy(sid, callback);
  }

  private touched(sid: string): void {
    const now = Date.now();
    dropOlder(this.writtenAt, now, this.touchIntervalMs);
    this.writtenAt.delete(sid); // re-inserted at the end, keeping the map in write order
    this.writtenAt.set(sid, { at: now });
  }

  private remember(sid: string, json: string): void {
    const now = Date.now();
    const { cookie } = JSON.parse(json) as Partial<session.SessionData>;
    const expires = cookie?.expires ? new Date(cookie.expires).getTime() : now;
    dropOlder(this.recent, now, SESSION_READ_CACHE_MS);
    this.recent.delete(sid);
    this.recent.set(sid, { at: now, until: Math.min(now + SESSION_READ_CACHE_MS, expires), json });
  }
}

/**
 * Server-side sessions in Postgres (table `web_session`, made by a migration): the browser holds only an
 * httpOnly, SameSite=Lax cookie. Requests push the expiry on (rolling), so a session ends after
 * SESSION_IDLE_TIMEOUT_SECONDS without one; the store refuses expired rows even before they are pruned.
 */
export function sessionMiddleware(config: WebConfig, pool: Pool): RequestHandler {
  const idleTimeoutMs = config.SESSION_IDLE_TIMEOUT_SECONDS * 1000;
  return session({
    name: SESSION_COOKIE,
    store: new WebSessionStore(
      { pool, tableName: 'web_session', createTableIfMissing: false, pruneSessionInterval: 600 },
      idleTimeoutMs / TOUCH_FRACTION_OF_TIMEOUT,
    ),
    secret: config.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.NODE_ENV === 'production',
      maxAge: idleTimeoutMs,
    },
  });
}
