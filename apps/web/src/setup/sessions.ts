import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import type { WebConfig } from '@rocu/config';

export const SESSION_COOKIE = 'rocu.sid';

/**
 * Server-side sessions in Postgres (table `web_session`, made by a migration): the browser holds only an
 * httpOnly, SameSite=Lax cookie. Every request pushes the expiry on (rolling), so a session ends after
 * SESSION_IDLE_TIMEOUT_SECONDS without one; the store refuses expired rows even before they are pruned.
 */
export function sessionMiddleware(config: WebConfig, pool: Pool): RequestHandler {
  const PgStore = connectPgSimple(session);
  return session({
    name: SESSION_COOKIE,
    store: new PgStore({ pool, tableName: 'web_session', createTableIfMissing: false, pruneSessionInterval: 600 }),
    secret: config.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.NODE_ENV === 'production',
      maxAge: config.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
    },
  });
}
