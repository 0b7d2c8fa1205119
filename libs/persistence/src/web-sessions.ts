import type { Pool } from 'pg';

/**
 * The web app's sessions (table `web_session`, otherwise kept by connect-pg-simple) through the web app's own pg
 * Pool. Imported as `@rocu/persistence/web-sessions` (not through the barrel, which loads TypeORM).
 */
export const webSessions = {
  /**
   * Saves a session that is still stored, and nothing when it is not (ended meanwhile): never inserts. A request
   * that read the session before another renewed its API token (apps/web/src/auth/api-token-renewal.ts) keeps the
   * stored tokens, the ones with the later `apiTokenRefreshAt`, instead of writing back the old ones: the old
   * refresh token may be spent, and the old API token expired.
   */
  async updateStored(pool: Pool, sid: string, data: object, expiresAt: Date): Promise<void> {
    await pool.query(
      `UPDATE web_session SET expire = $2, sess = CASE
           WHEN (sess->>'apiTokenRefreshAt')::numeric > ($1::jsonb->>'apiTokenRefreshAt')::numeric
             THEN ($1::jsonb || jsonb_strip_nulls(jsonb_build_object(
               'apiToken', sess->'apiToken', 'idToken', sess->'idToken',
               'refreshToken', sess->'refreshToken', 'apiTokenRefreshAt', sess->'apiTokenRefreshAt',
               'apiTokenExpiresAt', sess->'apiTokenExpiresAt')))::json
           ELSE $1::json END
         WHERE sid = $3`,
      [JSON.stringify(data), expiresAt, sid],
    );
  },
};
