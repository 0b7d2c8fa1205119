import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a closed meeting's undecided item had been settled elsewhere (withdrawn, or decided out of the meeting)
 * when the meeting closed: its minutes say so instead of "rolls to the next meeting". Earlier closes are false.
 */
export class SettledElsewhere1764920000000 implements MigrationInterface {
  name = 'SettledElsewhere1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_items ADD COLUMN settled_elsewhere boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_items DROP COLUMN settled_elsewhere`);
  }
}
