import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An attendee the chair took off the record (recorded in error, or gone): kept as a row marked removed, with the
 * removal's seq, so an earlier recording projected late cannot bring them back. Reads leave removed rows out.
 */
export class AttendeeRemoved1764930000000 implements MigrationInterface {
  name = 'AttendeeRemoved1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_attendees ADD COLUMN removed boolean NOT NULL DEFAULT false`);
    await q.query(
      `COMMENT ON COLUMN meeting_attendees.removed IS 'taken off the attendance by the chair at recorded_seq; not an attendee'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_attendees DROP COLUMN removed`);
  }
}
