import { webDrafts } from '@rocu/persistence/web-drafts';
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

  it('reads a draft saved before organisations by its sign-in id, until the person saves it again', async () => {
    const owner = { org: 'SYP', sub: 'officer-legacy' };
    await pool.query(`INSERT INTO web_draft (owner_org, owner_sub, kind, data) VALUES ('', $1, 'referral', $2)`, [
      owner.sub,
      { summary: 'Half written' },
    ]);
    expect(await webDrafts.get(pool, owner, 'referral')).toEqual({ summary: 'Half written' });
    await webDrafts.save(pool, owner, 'referral', { summary: 'Finished' });
    const rows = await pool.query(`SELECT owner_org FROM web_draft WHERE owner_sub = $1`, [owner.sub]);
    expect(rows.rows).toEqual([{ owner_org: 'SYP' }]);
    expect(await webDrafts.get(pool, { ...owner, org: 'WYP' }, 'referral')).toBeUndefined();
  });
});
