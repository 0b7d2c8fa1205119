import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of the notification outbox: each row's state (PENDING until its delivery workflow ends it SENT or
 * FAILED), when it was handed to a delivery workflow, its attempts, the address and SMTP answer; the
 * mailboxes notifications are sent to (a functional mailbox per role and organisation, and people's own);
 * and who has read which notification in the in-app inbox (a role's notification is read per person).
 */
export class NotificationDelivery1764610000000 implements MigrationInterface {
  name = 'NotificationDelivery1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        ADD COLUMN dispatched_at timestamptz NULL,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN recipient_address text NULL,
        ADD COLUMN message_id text NULL,
        ADD COLUMN smtp_response text NULL,
        ADD COLUMN last_error text NULL,
        ADD COLUMN failed_at timestamptz NULL;
      -- Rows delivered before this migration (none were: nothing drained the outbox) would keep delivered_at.
      UPDATE notifications SET status = 'SENT' WHERE delivered_at IS NOT NULL;
      CREATE INDEX notifications_pending ON notifications (id) WHERE status = 'PENDING';
      CREATE INDEX notifications_failed ON notifications (failed_at DESC) WHERE status = 'FAILED';
      CREATE INDEX notifications_inbox ON notifications (recipient_org, recipient_role, id DESC);

      CREATE TABLE notification_mailboxes (
        org text NOT NULL REFERENCES organisations(code),
        role text NOT NULL,
        -- '' for the role's functional mailbox in the organisation; a person's sub for their own address.
        person_sub text NOT NULL DEFAULT '',
        address text NOT NULL,
        PRIMARY KEY (org, role, person_sub)
      );

      CREATE TABLE notification_reads (
        notification_id bigint NOT NULL REFERENCES notifications(id),
        person_sub text NOT NULL,
        person_org text NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_org, person_sub, notification_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE notification_reads;
      DROP TABLE notification_mailboxes;
      DROP INDEX notifications_inbox;
      DROP INDEX notifications_failed;
      DROP INDEX notifications_pending;
      ALTER TABLE notifications DROP COLUMN status, DROP COLUMN dispatched_at, DROP COLUMN attempts,
        DROP COLUMN recipient_address, DROP COLUMN message_id, DROP COLUMN smtp_response, DROP COLUMN last_error,
        DROP COLUMN failed_at;
    `);
  }
}
