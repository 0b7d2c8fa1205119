import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError, notificationText } from '@rocu/domain';
import { appendAudit } from '@rocu/persistence';
import { PageQuery } from '../common/page.query';
import {
  DeliveryReportResponse,
  FailedDeliveryListResponse,
  NotificationDto,
  NotificationListResponse,
  NotificationReadResponse,
} from './notification-views.dto';

/**
 * The caller's notifications: those for a role they hold in their organisation, and those naming them
 * (same sub, organisation and role). A role's notification is read or unread per person.
 */
const ADDRESSED_TO_CALLER = `n.recipient_org = $1 AND n.recipient_role = ANY ($2::text[])
  AND (n.recipient_sub IS NULL OR n.recipient_sub = $3)`;

const READ_BY_CALLER = `LEFT JOIN notification_reads nr
  ON nr.notification_id = n.id AND nr.person_org = $1 AND nr.person_sub = $3`;

interface InboxRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  referralId: string | null;
  reference: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** Failed deliveries a ROCU manager sees: to their region's organisations, or about its referrals. */
const IN_REGION = `(n.recipient_org IN (SELECT code FROM organisations WHERE code = $1 OR region_code = $1)
  OR r.region = $1)`;

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async inbox(actor: Actor, page: PageQuery, correlationId: string): Promise<NotificationListResponse> {
    const who = [actor.org, actor.roles, actor.sub];
    const [rows, [counts]] = await Promise.all([
      this.dataSource.query<InboxRow[]>(
        `SELECT n.id::text, n.kind, n.payload, n.referral_id AS "referralId", r.reference,
                n.created_at AS "createdAt", nr.read_at AS "readAt"
           FROM notifications n LEFT JOIN referrals r ON r.id = n.referral_id ${READ_BY_CALLER}
          WHERE ${ADDRESSED_TO_CALLER}
          ORDER BY n.id DESC LIMIT $4 OFFSET $5`,
        [...who, page.pageSize, (page.page - 1) * page.pageSize],
      ),
      this.dataSource.query<{ total: number; unread: number }[]>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE nr.read_at IS NULL)::int AS unread
           FROM notifications n ${READ_BY_CALLER} WHERE ${ADDRESSED_TO_CALLER}`,
        who,
      ),
    ]);
    await appendAudit(this.dataSource.manager, {
      actorSub: actor.sub,
      actorOrg: actor.org,
      action: 'NOTIFICATIONS_LISTED',
      entityType: 'notification',
      entityId: null,
      outcome: 'SUCCESS',
      correlationId,
      details: { ids: rows.map((row) => row.id), total: counts.total, page: page.page, pageSize: page.pageSize },
    });
    return {
      items: rows.map(toDto),
      total: counts.total,
      page: page.page,
      pageSize: page.pageSize,
      unread: counts.unread,
    };
  }

  /** Unread count for the header of every page: a count discloses nothing, so it is not audited. */
  async unreadCount(actor: Actor): Promise<number> {
    const [row] = await this.dataSource.query<{ unread: number }[]>(
      `SELECT count(*)::int AS unread FROM notifications n ${READ_BY_CALLER}
        WHERE ${ADDRESSED_TO_CALLER} AND nr.read_at IS NULL`,
      [actor.org, actor.roles, actor.sub],
    );
    return row.unread;
  }

  /** Marks one of the caller's notifications read (once: a repeat keeps the first time); 404 if not theirs. */
  async markRead(actor: Actor, id: string, correlationId: string): Promise<NotificationReadResponse> {
    return this.dataSource.transaction(async (manager) => {
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
        [actor.org, actor.roles, actor.sub, id],
      );
      if (!row) throw new DomainError('NOT_FOUND', 'No such notification');
      await appendAudit(manager, {
        actorSub: actor.sub,
        actorOrg: actor.org,
        action: 'NOTIFICATION_READ',
        entityType: 'notification',
        entityId: id,
        outcome: 'SUCCESS',
        correlationId,
        dedupeKey: `notification-read:${actor.org}:${actor.sub}:${id}`,
      });
      return { id, readAt: row.readAt.toISOString() };
    });
  }

  /** Failed e-mail deliveries in the ROCU manager's region, most recent first. */
  async failedDeliveries(actor: Actor, page: PageQuery): Promise<FailedDeliveryListResponse> {
    const region = actor.region ?? '';
    const from = `FROM notifications n LEFT JOIN referrals r ON r.id = n.referral_id
      WHERE n.status = 'FAILED' AND ${IN_REGION}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<
        (Omit<FailedDeliveryListResponse['items'][number], 'createdAt' | 'failedAt'> & {
          createdAt: Date;
          failedAt: Date;
        })[]
      >(
        `SELECT n.id::text, n.kind, n.recipient_role AS "recipientRole", n.recipient_org AS "recipientOrg",
                n.recipient_address AS "recipientAddress", n.referral_id AS "referralId", r.reference, n.attempts,
                coalesce(n.last_error, 'unknown') AS reason, n.created_at AS "createdAt", n.failed_at AS "failedAt"
           ${from} ORDER BY n.failed_at DESC, n.id DESC LIMIT $2 OFFSET $3`,
        [region, page.pageSize, (page.page - 1) * page.pageSize],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${from}`, [region]),
    ]);
    return {
      items: rows.map((row) => ({
        ...row,
        createdAt: row.createdAt.toISOString(),
        failedAt: row.failedAt.toISOString(),
      })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  /** MI: e-mail deliveries in the region by state, in all and per kind. */
  async deliveryReport(actor: Actor): Promise<DeliveryReportResponse> {
    const region = actor.region ?? '';
    const rows = await this.dataSource.query<{ kind: string; status: string; n: number }[]>(
      `SELECT n.kind, n.status, count(*)::int AS n
         FROM notifications n LEFT JOIN referrals r ON r.id = n.referral_id
        WHERE ${IN_REGION} GROUP BY n.kind, n.status ORDER BY n.kind`,
      [region],
    );
    const empty = () => ({ pending: 0, sent: 0, failed: 0 });
    const total = empty();
    const byKind: DeliveryReportResponse['byKind'] = {};
    for (const row of rows) {
      const key = row.status.toLowerCase() as keyof typeof total;
      byKind[row.kind] ??= empty();
      byKind[row.kind][key] += row.n;
      total[key] += row.n;
    }
    return { region, total, byKind };
  }
}

function toDto(row: InboxRow): NotificationDto {
  const text = notificationText({ kind: row.kind, reference: row.reference, payload: row.payload });
  const meetingId = row.payload.meetingId;
  return {
    id: row.id,
    kind: row.kind,
    title: text.subject,
    body: text.paragraphs,
    referralId: row.referralId,
    reference: row.reference,
    meetingId: typeof meetingId === 'string' ? meetingId : null,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
