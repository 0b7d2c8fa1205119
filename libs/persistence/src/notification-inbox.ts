import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@rocu/domain';

/** Whose inbox: the person's organisation, roles and subject. */
export type InboxOwner = Pick<Actor, 'org' | 'roles' | 'sub'>;

/**
 * The caller's notifications: those for a role they hold in their organisation, and those naming them
 * (same sub, organisation and role). A role's notification is read or unread per person.
 */
const ADDRESSED_TO_CALLER = `n.recipient_org = $1 AND n.recipient_role = ANY ($2::text[])
  AND (n.recipient_sub IS NULL OR n.recipient_sub = $3)`;

const READ_BY_CALLER = `LEFT JOIN notification_reads nr
  ON nr.notification_id = n.id AND nr.person_org = $1 AND nr.person_sub = $3`;

/** Failed deliveries a ROCU manager sees: to their region's organisations, or about its referrals. */
const IN_REGION = `(n.recipient_org IN (SELECT code FROM organisations WHERE code = $1 OR region_code = $1)
  OR r.region = $1)`;

const FAILED_IN_REGION = `FROM notifications n LEFT JOIN referrals r ON r.id = n.referral_id
      WHERE n.status = 'FAILED' AND ${IN_REGION}`;

const who = (owner: InboxOwner) => [owner.org, owner.roles, owner.sub];

export interface InboxRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  referralId: string | null;
  reference: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface FailedDeliveryRow {
  id: string;
  kind: string;
  recipientRole: string;
  recipientOrg: string;
  recipientAddress: string | null;
  referralId: string | null;
  reference: string | null;
  attempts: number;
  reason: string;
  createdAt: Date;
  failedAt: Date;
}

/** Each person's notifications and the region's delivery failures, as the API reads them. */
export const notificationInbox = {
  /** A page of the owner's notifications, newest first, with when they read each. */
  page(dataSource: DataSource, owner: InboxOwner, limit: number, offset: number): Promise<InboxRow[]> {
    return dataSource.query<InboxRow[]>(
      `SELECT n.id::text, n.kind, n.payload, n.referral_id AS "referralId", r.reference,
                n.created_at AS "createdAt", nr.read_at AS "readAt"
           FROM notifications n LEFT JOIN referrals r ON r.id = n.referral_id ${READ_BY_CALLER}
          WHERE ${ADDRESSED_TO_CALLER}
          ORDER BY n.id DESC LIMIT $4 OFFSET $5`,
      [...who(owner), limit, offset],
    );
  },

  async counts(dataSource: DataSource, owner: InboxOwner): Promise<{ total: number; unread: number }> {
    const [counts] = await dataSource.query<{ total: number; unread: number }[]>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE nr.read_at IS NULL)::int AS unread
           FROM notifications n ${READ_BY_CALLER} WHERE ${ADDRESSED_TO_CALLER}`,
      who(owner),
    );
    return counts;
  },

  async unreadCount(dataSource: DataSource, owner: InboxOwner): Promise<number> {
    const [row] = await dataSource.query<{ unread: number }[]>(
      `SELECT count(*)::int AS unread FROM notifications n ${READ_BY_CALLER}
        WHERE ${ADDRESSED_TO_CALLER} AND nr.read_at IS NULL`,
      who(owner),
    );
    return row.unread;
  },

  /** Marks the notification read by the owner (a repeat keeps the first time); undefined when not theirs. */
  async markRead(manager: EntityManager, owner: InboxOwner, id: string): Promise<Date | undefined> {
    const [row] = await manager.query<{ readAt: Date }[]>(
      `WITH mine AS (SELECT n.id FROM notifications n WHERE n.id = $4 AND ${ADDRESSED_TO_CALLER}),
         marked AS (
           INSERT INTO notification_reads (notification_id, person_sub, person_org)
           SELECT id, $3, $1 FROM mine
           ON CONFLICT (person_org, person_sub, notification_id) DO NOTHING RETURNING read_at)
         SELECT coalesce((SELECT read_at FROM marked),
           (SELECT read_at FROM notification_reads WHERE notification_id = $4 AND person_org = $1 AND person_sub = $3))
           AS "readAt"
          FROM mine`,
      [...who(owner), id],
    );
    return row?.readAt;
  },

  /** A page of the region's failed e-mail deliveries, most recent first. */
  failedPage(dataSource: DataSource, region: string, limit: number, offset: number): Promise<FailedDeliveryRow[]> {
    return dataSource.query<FailedDeliveryRow[]>(
      // A delivery to one of the region's forces about another region's referral names no referral: the
      // manager may not see it (need-to-know), only that their force's officer was not told.
      `SELECT n.id::text, n.kind, n.recipient_role AS "recipientRole", n.recipient_org AS "recipientOrg",
                n.recipient_address AS "recipientAddress",
                CASE WHEN r.region = $1 THEN n.referral_id END AS "referralId",
                CASE WHEN r.region = $1 THEN r.reference END AS reference, n.attempts,
                coalesce(n.last_error, 'unknown') AS reason, n.created_at AS "createdAt", n.failed_at AS "failedAt"
           ${FAILED_IN_REGION} ORDER BY n.failed_at DESC, n.id DESC LIMIT $2 OFFSET $3`,
      [region, limit, offset],
    );
  },

  async failedCount(dataSource: DataSource, region: string): Promise<number> {
    const [{ total }] = await dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${FAILED_IN_REGION}`,
      [region],
    );
    return total;
  },

  /** The region's e-mail deliveries counted by kind and state. */
  deliveryCounts(dataSource: DataSource, region: string): Promise<{ kind: string; status: string; n: number }[]> {
    return dataSource.query<{ kind: string; status: string; n: number }[]>(
      `SELECT n.kind, n.status, count(*)::int AS n
         FROM notifications n LEFT JOIN referrals r ON r.id = n.referral_id
        WHERE ${IN_REGION} GROUP BY n.kind, n.status ORDER BY n.kind`,
      [region],
    );
  },
};
