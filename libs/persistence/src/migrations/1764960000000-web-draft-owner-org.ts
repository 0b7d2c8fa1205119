import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A web draft belongs to a person as everything else does, by organisation and sign-in id: the same id in two
 * organisations (an officer who moved force, or ids unique only per organisation) no longer shares one. Drafts
 * from before have the organisation '' and are read by their sign-in id until next saved (web-drafts.ts).
 */
export class WebDraftOwnerOrg1764960000000 implements MigrationInterface {
  name = 'WebDraftOwnerOrg1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE web_draft ADD COLUMN owner_org text NOT NULL DEFAULT '';
      ALTER TABLE web_draft DROP CONSTRAINT web_draft_pkey, ADD PRIMARY KEY (owner_org, owner_sub, kind);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // One draft per sign-in id and kind again: the latest saved.
    await q.query(`
      DELETE FROM web_draft a USING web_draft b
       WHERE a.owner_sub = b.owner_sub AND a.kind = b.kind AND (a.updated_at, a.owner_org) < (b.updated_at, b.owner_org);
      ALTER TABLE web_draft DROP CONSTRAINT web_draft_pkey, ADD PRIMARY KEY (owner_sub, kind);
      ALTER TABLE web_draft DROP COLUMN owner_org;
    `);
  }
}
