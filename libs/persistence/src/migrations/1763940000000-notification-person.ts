import { MigrationInterface, QueryRunner } from 'typeorm';

/** A notification may be for one named person (the plan's SIO or LRO), not only a role in an organisation. */
export class NotificationPerson1763940000000 implements MigrationInterface {
  name = 'NotificationPerson1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN recipient_sub text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN recipient_sub`);
  }
}
