import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { webDrafts } from '@rocu/persistence/web-drafts';
import { WebDraftOwnerOrg1764960000000 } from '../libs/persistence/src/migrations/1764960000000-web-draft-owner-org';
import { useScratchDatabase } from './support/scratch-database';

/** The web app's drafts (web_draft) belong to a person: an organisation and a sign-in id. */
describe("a person's web drafts", () => {
  const { pool } = useScratchDatabase('web_drafts');
  const wyp = { org: 'WYP', sub: 'officer-7' };
  const kent = { org: 'KENT', sub: 'officer-7' }; // the same sign-in id in another force

  it('keeps one per organisation and sign-in id: the same id elsewhere neither reads nor replaces it', async () => {
    await webDrafts.save(pool, wyp, 'referral', { summary: 'Firearms supply' });
    expect(await webDrafts.get(pool, kent, 'referral')).toBeUndefined();
    await webDrafts.save(pool, kent, 'referral', { summary: 'County lines' });
    expect(await webDrafts.get(pool, wyp, 'referral')).toEqual({ summary: 'Firearms supply' });
    expect(await webDrafts.get(pool, kent, 'referral')).toEqual({ summary: 'County lines' });
    await webDrafts.remove(pool, kent, 'referral');
    expect(await webDrafts.get(pool, kent, 'referral')).toBeUndefined();
    expect(await webDrafts.get(pool, wyp, 'referral')).toEqual({ summary: 'Firearms supply' });
  });

  it("gives a draft from before its owner's one organisation, from their sessions, and drops one it cannot place", async () => {
    const migration = new WebDraftOwnerOrg1764960000000();
    // The migration's statements, run on this database's own connection pool.
    const runner = { query: (sql: string) => pool.query(sql) } as unknown as QueryRunner;
    await migration.down(runner);
    const session = (sub: string, org: string) =>
      pool.query(`INSERT INTO web_session (sid, sess, expire) VALUES ($1, $2, now() + interval '1 hour')`, [
        randomUUID(),
        JSON.stringify({ cookie: {}, user: { sub, org } }),
      ]);
    await session('placed', 'SYP');
    await session('placed', 'SYP');
    await session('twice', 'WYP');
    await session('twice', 'KENT');
    for (const sub of ['placed', 'twice', 'unseen']) {
      await pool.query(`INSERT INTO web_draft (owner_sub, kind, data) VALUES ($1, 'referral', $2)`, [
        sub,
        { summary: `Half written by ${sub}` },
      ]);
    }
    await migration.up(runner);
    const rows = await pool.query(`SELECT owner_org, owner_sub FROM web_draft ORDER BY owner_sub`);
    expect(rows.rows).toEqual([{ owner_org: 'SYP', owner_sub: 'placed' }]);
    expect(await webDrafts.get(pool, { org: 'SYP', sub: 'placed' }, 'referral')).toEqual({
      summary: 'Half written by placed',
    });
    expect(await webDrafts.get(pool, { org: 'WYP', sub: 'placed' }, 'referral')).toBeUndefined();
  });
});
