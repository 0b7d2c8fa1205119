import { MigrationInterface, QueryRunner } from 'typeorm';

/** A referral referred on (NCA, a partner) is closed with the receiving body's reference. */
export class OnwardReference1763880000000 implements MigrationInterface {
  name = 'OnwardReference1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE meeting_decisions ADD COLUMN onward_reference text NULL;
      ALTER TABLE referrals ADD COLUMN onward_reference text NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referrals DROP COLUMN onward_reference;
      ALTER TABLE meeting_decisions DROP COLUMN onward_reference;
    `);
  }
}
