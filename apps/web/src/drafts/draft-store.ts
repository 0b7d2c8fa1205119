import { Injectable } from '@nestjs/common';
// Its own path, not the barrel: the web app has no TypeORM and loads none.
import { DraftOwner, webDrafts } from '@rocu/persistence/web-drafts';
import { WebDatabase } from '../setup/web-database';

/**
 * Half-finished forms kept server-side per person (organisation and sign-in id) and kind (table `web_draft`), so
 * a draft survives signing out and a new session. Only the web app reads them; nothing in them is submitted until
 * the person confirms.
 */
@Injectable()
export class DraftStore {
  constructor(private readonly db: WebDatabase) {}

  get<T>(owner: DraftOwner, kind: string): Promise<T | undefined> {
    return webDrafts.get<T>(this.db.pool, owner, kind);
  }

  save<T>(owner: DraftOwner, kind: string, data: T): Promise<void> {
    return webDrafts.save(this.db.pool, owner, kind, data);
  }

  remove(owner: DraftOwner, kind: string): Promise<void> {
    return webDrafts.remove(this.db.pool, owner, kind);
  }
}
