import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A web draft belongs to a person as everything else does, by organisation and sign-in id: the same id in two
 * organisations (an officer who moved force, or ids unique only per organisation) no longer shares one. A draft
 * from before takes the organisation its owner's live sessions all have; one without (a half-finished form of
 * someone not signed in, or signed in for two organisations) is dropped rather than left readable by either.
 */
export class WebDraftOwnerOrg1764960000000 implements MigrationInterface {
  name = 'WebDraftOwnerOrg1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE web_draft ADD COLUMN owner_org text NOT NULL DEFAULT '';
      UPDATE web_draft d SET owner_org = s.org
        FROM (SELECT sess -> 'user' ->> 'sub' AS sub, min(sess -> 'user' ->> 'org') AS org FROM web_session
               WHERE sess -> 'user' ->> 'sub' IS NOT NULL
               GROUP BY 1 HAVING count(DISTINCT sess -> 'user' ->> 'org') = 1) s
       WHERE d.owner_sub = s.sub;
      DELETE FROM web_draft WHERE owner_org = '';
      ALTER TABLE web_draft ALTER COLUMN owner_org DROP DEFAULT;
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
