import type { Pool } from 'pg';

/**
 * The web app's sessions (table `web_session`, otherwise kept by connect-pg-simple) through the web app's own pg
 * Pool. Imported as `@rocu/persistence/web-sessions` (not through the barrel, which loads TypeORM).
 */
export const webSessions = {
  /** Saves a session that is still stored, and nothing when it is not (ended meanwhile): never inserts. */
  async updateStored(pool: Pool, sid: string, data: object, expiresAt: Date): Promise<void> {
    await pool.query('UPDATE web_session SET sess = $1, expire = $2 WHERE sid = $3', [
      JSON.stringify(data),
      expiresAt,
      sid,
    ]);
  },
};
