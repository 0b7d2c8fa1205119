import type { Pool } from 'pg';

/** Whose draft: a person is their organisation and sign-in id, as everywhere else. */
export interface DraftOwner {
  org: string;
  sub: string;
}

/**
 * The web app's half-finished forms (table `web_draft`), one per person and kind, through the web app's own
 * pg Pool. Imported as `@rocu/persistence/web-drafts` (not through the barrel, which loads TypeORM).
 */
export const webDrafts = {
  async get<T>(pool: Pool, owner: DraftOwner, kind: string): Promise<T | undefined> {
    const { rows } = await pool.query<{ data: T }>(
      'SELECT data FROM web_draft WHERE owner_org = $1 AND owner_sub = $2 AND kind = $3',
      [owner.org, owner.sub, kind],
    );
    return rows[0]?.data;
  },

  /** Creates or replaces the person's draft of the kind. */
  async save<T>(pool: Pool, owner: DraftOwner, kind: string, data: T): Promise<void> {
    await pool.query(
      `INSERT INTO web_draft (owner_org, owner_sub, kind, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (owner_org, owner_sub, kind) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [owner.org, owner.sub, kind, JSON.stringify(data)],
    );
  },

  async remove(pool: Pool, owner: DraftOwner, kind: string): Promise<void> {
    await pool.query('DELETE FROM web_draft WHERE owner_org = $1 AND owner_sub = $2 AND kind = $3', [
      owner.org,
      owner.sub,
      kind,
    ]);
  },
};
