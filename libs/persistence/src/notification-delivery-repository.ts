import { PERSONAL_MAILBOX_ROLES } from '@rocu/domain';
import type { Queryable } from './queryable';

/** A notification with what its message and its address need. */
export interface OutboxRow {
  id: string;
  kind: string;
  status: string;
  recipientRole: string;
  recipientOrg: string;
  recipientSub: string | null;
  payload: Record<string, unknown>;
  reference: string | null;
  region: string | null;
  referralId: string | null;
}

/** A notification just marked FAILED, with the region its escalation goes to. */
export type FailedNotificationRow = Pick<OutboxRow, 'id' | 'kind' | 'recipientRole' | 'recipientOrg' | 'referralId'> & {
  region: string | null;
};

/** The SQL of the notification outbox's delivery: one statement per method, on the caller's connection. */
export const notificationDeliveryRepository = {
  /** Marks up to `limit` pending rows (never handed over, or longer ago than redispatchAfterMs) as handed over. */
  async claim(queryable: Queryable, limit: number, redispatchAfterMs: number): Promise<string[]> {
    const rows = await queryable.query<{ id: string }[]>(
      // A CTE, because TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
      `WITH claimed AS (
         UPDATE notifications SET dispatched_at = now()
          WHERE id IN (SELECT id FROM notifications
                        WHERE status = 'PENDING'
                          AND (dispatched_at IS NULL OR dispatched_at < now() - $2::int * interval '1 millisecond')
                        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id)
       SELECT claimed.id::text AS id FROM claimed ORDER BY claimed.id`,
      [limit, redispatchAfterMs],
    );
    return rows.map((row) => row.id);
  },

  async load(queryable: Queryable, notificationId: string): Promise<OutboxRow | undefined> {
    const [row] = await queryable.query<OutboxRow[]>(
      `SELECT n.id, n.kind, n.status, n.recipient_role AS "recipientRole", n.recipient_org AS "recipientOrg",
              n.recipient_sub AS "recipientSub", n.payload, r.reference, r.region, n.referral_id AS "referralId"
         FROM notifications n LEFT JOIN referrals r ON r.id = n.referral_id WHERE n.id = $1`,
      [notificationId],
    );
    return row;
  },

  /**
   * A named person's own mailbox; failing that the role's in the organisation, unless the role sees only the
   * taskings its holders have (PERSONAL_MAILBOX_ROLES: an SIO's colleagues may not see this SIO's tasking).
   */
  async mailboxAddress(
    queryable: Queryable,
    recipient: Pick<OutboxRow, 'recipientOrg' | 'recipientRole' | 'recipientSub'>,
  ): Promise<string | undefined> {
    const { recipientOrg, recipientRole, recipientSub } = recipient;
    const shared = recipientSub === null || !(PERSONAL_MAILBOX_ROLES as readonly string[]).includes(recipientRole);
    const [mailbox] = await queryable.query<{ address: string }[]>(
      `SELECT address FROM notification_mailboxes
        WHERE org = $1 AND role = $2 AND (person_sub = coalesce($3, '') OR ($4 AND person_sub = ''))
        ORDER BY person_sub DESC LIMIT 1`,
      [recipientOrg, recipientRole, recipientSub, shared],
    );
    return mailbox?.address;
  },

  /** Records an attempt while the notification is pending: one settled meanwhile keeps its own record. */
  async recordAttempt(queryable: Queryable, notificationId: string, attempt: number, address: string): Promise<void> {
    await queryable.query(
      `UPDATE notifications SET attempts = $2, recipient_address = $3 WHERE id = $1 AND status = 'PENDING'`,
      [notificationId, attempt, address],
    );
  },

  /** Sent, unless it is no longer pending. */
  async markSent(
    queryable: Queryable,
    notificationId: string,
    accepted: { messageId: string; response: string },
  ): Promise<void> {
    await queryable.query(
      `UPDATE notifications SET status = 'SENT', delivered_at = now(), message_id = $2, smtp_response = $3,
           last_error = NULL WHERE id = $1 AND status = 'PENDING'`,
      [notificationId, accepted.messageId, accepted.response],
    );
  },

  async recordError(queryable: Queryable, notificationId: string, reason: string): Promise<void> {
    await queryable.query(`UPDATE notifications SET last_error = $2 WHERE id = $1 AND status = 'PENDING'`, [
      notificationId,
      reason,
    ]);
  },

  /** Marks a pending notification FAILED; undefined when it was not pending (already failed or sent). */
  async markFailed(
    queryable: Queryable,
    notificationId: string,
    reason: string,
  ): Promise<FailedNotificationRow | undefined> {
    const [failed] = await queryable.query<FailedNotificationRow[]>(
      `WITH failed AS (
           UPDATE notifications SET status = 'FAILED', failed_at = now(), last_error = $2
            WHERE id = $1 AND status = 'PENDING'
            RETURNING id, kind, recipient_role, recipient_org, referral_id)
         SELECT failed.id::text, kind, recipient_role AS "recipientRole", recipient_org AS "recipientOrg",
                referral_id AS "referralId", r.region
           FROM failed LEFT JOIN referrals r ON r.id = failed.referral_id`,
      [notificationId, reason],
    );
    return failed;
  },
};
