import type { Pool } from 'pg';

/** A session's API token and how it is renewed, under the names the web app's session keeps them. */
export interface SessionTokens {
  apiToken?: string;
  idToken?: string;
  refreshToken?: string;
  apiTokenRefreshAt?: number;
  apiTokenExpiresAt?: number;
}

/** The tokens a request read from its session: a renewal replaces them only while the session still holds both. */
export interface HeldTokens {
  apiToken: string;
  refreshToken: string;
}

/** A session's tokens as stored, and whether an instance is renewing them now. */
export interface StoredRenewal {
  tokens: SessionTokens;
  claimed: boolean;
}

/**
 * The web app's sessions (table `web_session`, otherwise kept by connect-pg-simple) through the web app's own pg
 * Pool. Imported as `@rocu/persistence/web-sessions` (not through the barrel, which loads TypeORM).
 */
export const webSessions = {
  /**
   * Saves a session that is still stored, and nothing when it is not (ended meanwhile): never inserts. A request
   * that read the session before its API token was renewed (apps/web/src/auth/shared-renewal.ts) writes back the
   * stored tokens, not the ones it read: the stored ones are due later, or have no renewal due at all (the provider
   * refused the refresh token, or gave no expiry). The old refresh token may be spent, and the old API token expired.
   */
  async updateStored(pool: Pool, sid: string, data: object, expiresAt: Date): Promise<void> {
    await pool.query(
      `UPDATE web_session SET expire = $2, sess = CASE
           WHEN $1::jsonb->>'apiTokenRefreshAt' IS NOT NULL AND coalesce(
               (sess->>'apiTokenRefreshAt')::numeric > ($1::jsonb->>'apiTokenRefreshAt')::numeric, true)
             THEN (($1::jsonb - 'apiToken' - 'idToken' - 'refreshToken' - 'apiTokenRefreshAt' - 'apiTokenExpiresAt')
               || jsonb_strip_nulls(jsonb_build_object(
               'apiToken', sess->'apiToken', 'idToken', sess->'idToken',
               'refreshToken', sess->'refreshToken', 'apiTokenRefreshAt', sess->'apiTokenRefreshAt',
               'apiTokenExpiresAt', sess->'apiTokenExpiresAt')))::json
           ELSE $1::json END
         WHERE sid = $3`,
      [JSON.stringify(data), expiresAt, sid],
    );
  },

  /**
   * Claims the renewal of a session's API token for `forMs`, for one request in one instance of the web app: false
   * while another holds a claim, and once the session no longer holds the tokens the request read (renewed meanwhile,
   * or ended).
   */
  async claimRenewal(pool: Pool, sid: string, held: HeldTokens, forMs: number): Promise<boolean> {
    const { rowCount } = await pool.query(
      `UPDATE web_session SET renewal_claimed_until = now() + $4 * interval '1 millisecond'
         WHERE sid = $1 AND sess->>'apiToken' = $2 AND sess->>'refreshToken' = $3
           AND (renewal_claimed_until IS NULL OR renewal_claimed_until <= now())`,
      [sid, held.apiToken, held.refreshToken, forMs],
    );
    return rowCount === 1;
  },

  /**
   * Ends a claim with the renewal's tokens in place of the held ones (no refresh token among them: the provider
   * refused it, and it is forgotten). False, storing nothing, when the session no longer holds them.
   */
  async storeRenewal(pool: Pool, sid: string, held: HeldTokens, tokens: SessionTokens): Promise<boolean> {
    const { rowCount } = await pool.query(
      `UPDATE web_session SET renewal_claimed_until = NULL,
           sess = ((sess::jsonb - 'refreshToken' - 'apiTokenRefreshAt' - 'apiTokenExpiresAt') || $4::jsonb)::json
         WHERE sid = $1 AND sess->>'apiToken' = $2 AND sess->>'refreshToken' = $3`,
      [sid, held.apiToken, held.refreshToken, JSON.stringify(tokens)],
    );
    return rowCount === 1;
  },

  /** Ends a claim without a renewal (the provider did not answer), so another request may try. */
  async releaseRenewal(pool: Pool, sid: string): Promise<void> {
    await pool.query(`UPDATE web_session SET renewal_claimed_until = NULL WHERE sid = $1`, [sid]);
  },

  /**
   * Ends a session (signing out), answering the refresh token it held as it ended: a renewal stored after the
   * request read its session has replaced the one the request holds.
   */
  async endSession(pool: Pool, sid: string): Promise<string | undefined> {
    const { rows } = await pool.query<{ refreshToken: string | null }>(
      `DELETE FROM web_session WHERE sid = $1 RETURNING sess->>'refreshToken' AS "refreshToken"`,
      [sid],
    );
    return rows[0]?.refreshToken ?? undefined;
  },

  /** A session's tokens and whether a renewal is claimed now; undefined once the session has ended. */
  async renewalState(pool: Pool, sid: string): Promise<StoredRenewal | undefined> {
    const { rows } = await pool.query<{ sess: SessionTokens; claimed: boolean }>(
      `SELECT sess, coalesce(renewal_claimed_until > now(), false) AS claimed FROM web_session WHERE sid = $1`,
      [sid],
    );
    if (rows.length === 0) return undefined;
    const { apiToken, idToken, refreshToken, apiTokenRefreshAt, apiTokenExpiresAt } = rows[0].sess;
    return {
      tokens: { apiToken, idToken, refreshToken, apiTokenRefreshAt, apiTokenExpiresAt },
      claimed: rows[0].claimed,
    };
  },
};
