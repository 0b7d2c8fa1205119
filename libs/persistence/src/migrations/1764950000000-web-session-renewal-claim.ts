import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which web app instance is renewing a session's API token, until when: providers rotate refresh tokens, and one
 * spent twice (two instances renewing the same session at once) is taken as stolen and revokes the person's grant.
 */
export class WebSessionRenewalClaim1764950000000 implements MigrationInterface {
  name = 'WebSessionRenewalClaim1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE web_session ADD COLUMN renewal_claimed_until timestamptz`);
    await q.query(
      `COMMENT ON COLUMN web_session.renewal_claimed_until IS 'a web app instance is renewing this session''s API token until then; NULL: none is'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE web_session DROP COLUMN renewal_claimed_until`);
  }
}
