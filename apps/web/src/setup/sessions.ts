import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Request, RequestHandler } from 'express';
import type { Pool } from 'pg';
import { trustProxySetting, type WebConfig } from '@rocu/config';
import { webSessions } from '@rocu/persistence/web-sessions';

export const SESSION_COOKIE = 'rocu.sid';

/** A session's expiry is pushed on at most this often (a thirtieth of the idle timeout: a minute of 30). */
export const TOUCH_FRACTION_OF_TIMEOUT = 30;

const PgStore = connectPgSimple(session);
const READ_FROM_STORE = Symbol('read from the store');

/**
 * The Postgres store, extending a session's expiry at most once per interval instead of on every request:
 * a page read then costs one query (the session's SELECT) instead of two. The idle timeout stays exact to
 * within that interval. Each process keeps the time it last wrote each session, for at most one interval.
 */
export class IntervalTouchStore extends PgStore {
  private readonly writtenAt = new Map<string, number>();

  constructor(
    private readonly options: NonNullable<ConstructorParameters<typeof PgStore>[0]> & { pool: Pool },
    private readonly intervalMs: number,
  ) {
    super(options);
  }

  /** Marks a session read from the store (not a new one), without storing the mark. */
  override createSession(request: Request, data: session.SessionData): session.Session & session.SessionData {
    const read = super.createSession(request, data);
    Object.defineProperty(read, READ_FROM_STORE, { value: true, enumerable: false });
    return read;
  }

  /**
   * Saves a session. One read from the store at the start of its request is only updated, never inserted: had it
   * been ended meanwhile (signed out in another tab), the store's upsert would bring it back, with its API token.
   */
  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    this.written(sid);
    if (!(READ_FROM_STORE in data)) return super.set(sid, data, callback);
    webSessions.updateStored(this.options.pool, sid, data, new Date(data.cookie.expires ?? Date.now())).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const last = this.writtenAt.get(sid);
    if (last !== undefined && Date.now() - last < this.intervalMs) return callback?.();
    this.written(sid);
    super.touch(sid, data, callback);
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.writtenAt.delete(sid);
    super.destroy(sid, callback);
  }

  private written(sid: string): void {
    const now = Date.now();
    for (const [each, at] of this.writtenAt) {
      if (now - at < this.intervalMs) break; // insertion order: the rest are newer
      this.writtenAt.delete(each);
    }
    this.writtenAt.delete(sid); // re-inserted at the end, keeping the map in write order
    this.writtenAt.set(sid, now);
  }
}

/** Whether the cookie is Secure: in production, and wherever the service's public address is https. */
const servedOverTls = (config: WebConfig): boolean =>
  config.NODE_ENV === 'production' ||
  (config.WEB_BASE_URL !== undefined && new URL(config.WEB_BASE_URL).protocol === 'https:');

/**
 * Server-side sessions in Postgres (table `web_session`, made by a migration): the browser holds only an
 * httpOnly, SameSite=Lax cookie. Requests push the expiry on (rolling), so a session ends after
 * SESSION_IDLE_TIMEOUT_SECONDS without one; the store refuses expired rows even before they are pruned.
 */
export function sessionMiddleware(config: WebConfig, pool: Pool): RequestHandler {
  const idleTimeoutMs = config.SESSION_IDLE_TIMEOUT_SECONDS * 1000;
  return session({
    name: SESSION_COOKIE,
    store: new IntervalTouchStore(
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
      secure: servedOverTls(config),
      maxAge: idleTimeoutMs,
    },
  });
}

/**
 * Sessions for the app. Behind a TLS proxy named in TRUST_PROXY a request forwarded as https counts as
 * https, so the Secure cookie (production) is set; from any other proxy it is not, and nobody could sign in.
 */
export function useSessions(
  app: { set(setting: string, value: unknown): unknown; use(handler: RequestHandler): unknown },
  config: WebConfig,
  pool: Pool,
): void {
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  app.use(sessionMiddleware(config, pool));
}
