import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meeting events are projected once each through a journal keyed by (meeting, seq), whatever order their
 * projections commit in (a high-water mark skipped an event committing after a later one). Events of existing
 * meetings up to their mark are journalled as applied.
 */
export class MeetingEventJournal1764120000000 implements MigrationInterface {
  name = 'MeetingEventJournal1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_events (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        seq integer NOT NULL,
        action text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (meeting_id, seq)
      );
      INSERT INTO meeting_events (meeting_id, seq, action, at)
        SELECT id, generate_series(1, last_seq), 'BEFORE_JOURNAL', created_at FROM meetings WHERE last_seq > 0;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_events`);
  }
}
