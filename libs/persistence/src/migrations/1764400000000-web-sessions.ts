import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web app's own state: its server-side sessions (the table connect-pg-simple reads and writes; the API
 * token lives only here, never in the browser) and drafts kept per person and kind (a half-made referral
 * survives signing out).
 */
export class WebSessions1764400000000 implements MigrationInterface {
  name = 'WebSessions1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_session (
        sid varchar NOT NULL PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL
      );
      CREATE INDEX web_session_expire_idx ON web_session (expire);

      CREATE TABLE web_draft (
        owner_sub text NOT NULL,
        kind text NOT NULL,
        data jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (owner_sub, kind)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_draft; DROP TABLE web_session;`);
  }
}
