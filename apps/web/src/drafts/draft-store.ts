import { Injectable } from '@nestjs/common';
import { WebDatabase } from '../setup/web-database';

/**
 * Half-finished forms kept server-side per person and kind (table `web_draft`), so a draft survives
 * signing out and a new session. Only the web app reads them; nothing in them is submitted until the
 * person confirms.
 */
@Injectable()
export class DraftStore {
  constructor(private readonly db: WebDatabase) {}

  async get<T>(ownerSub: string, kind: string): Promise<T | undefined> {
    const { rows } = await this.db.pool.query<{ data: T }>(
      'SELECT data FROM web_draft WHERE owner_sub = $1 AND kind = $2',
      [ownerSub, kind],
    );
    return rows[0]?.data;
  }

  async save<T>(ownerSub: string, kind: string, data: T): Promise<void> {
    await this.db.pool.query(
      `INSERT INTO web_draft (owner_sub, kind, data) VALUES ($1, $2, $3)
       ON CONFLICT (owner_sub, kind) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [ownerSub, kind, JSON.stringify(data)],
    );
  }

  async remove(ownerSub: string, kind: string): Promise<void> {
    await this.db.pool.query('DELETE FROM web_draft WHERE owner_sub = $1 AND kind = $2', [ownerSub, kind]);
  }
}
