import type { Pool } from 'pg';

/**
 * The web app's half-finished forms (table `web_draft`), one per person and kind, through the web app's own
 * pg Pool. Imported as `@rocu/persistence/web-drafts` (not through the barrel, which loads TypeORM).
 */
export const webDrafts = {
  async get<T>(pool: Pool, ownerSub: string, kind: string): Promise<T | undefined> {
    const { rows } = await pool.query<{ data: T }>('SELECT data FROM web_draft WHERE owner_sub = $1 AND kind = $2', [
      ownerSub,
      kind,
    ]);
    return rows[0]?.data;
  },

  /** Creates or replaces the person's draft of the kind. */
  async save<T>(pool: Pool, ownerSub: string, kind: string, data: T): Promise<void> {
    await pool.query(
      `INSERT INTO web_draft (owner_sub, kind, data) VALUES ($1, $2, $3)
       ON CONFLICT (owner_sub, kind) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [ownerSub, kind, JSON.stringify(data)],
    );
  },

  async remove(pool: Pool, ownerSub: string, kind: string): Promise<void> {
    await pool.query('DELETE FROM web_draft WHERE owner_sub = $1 AND kind = $2', [ownerSub, kind]);
  },
};
