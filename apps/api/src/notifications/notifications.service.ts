import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError, notificationText } from '@rocu/domain';
import { appendActorAudit, InboxRow, notificationInbox } from '@rocu/persistence';
import { auditPageRead, auditRegionRead, idsShown } from '../audit/read-audit';
import { PageQuery } from '../common/page.query';
import {
  DeliveryReportResponse,
  FailedDeliveryListResponse,
  NotificationDto,
  NotificationListResponse,
  NotificationReadResponse,
} from './notification-views.dto';

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async inbox(actor: Actor, page: PageQuery, correlationId: string): Promise<NotificationListResponse> {
    const [rows, counts] = await Promise.all([
      notificationInbox.page(this.dataSource, actor, page.pageSize, (page.page - 1) * page.pageSize),
      notificationInbox.counts(this.dataSource, actor),
    ]);
    await auditPageRead(this.dataSource, actor, {
      action: 'NOTIFICATIONS_LISTED',
      entityType: 'notification',
      correlationId,
      ids: idsShown(rows),
      total: counts.total,
      page,
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
    return notificationInbox.unreadCount(this.dataSource, actor);
  }

  /** Marks one of the caller's notifications read (once: a repeat keeps the first time); 404 if not theirs. */
  async markRead(actor: Actor, id: string, correlationId: string): Promise<NotificationReadResponse> {
    return this.dataSource.transaction(async (manager) => {
      const readAt = await notificationInbox.markRead(manager, actor, id);
      if (!readAt) throw new DomainError('NOT_FOUND', 'No such notification');
      await appendActorAudit(manager, actor, {
        action: 'NOTIFICATION_READ',
        entityType: 'notification',
        entityId: id,
        correlationId,
        dedupeKey: `notification-read:${actor.org}:${actor.sub}:${id}`,
      });
      return { id, readAt: readAt.toISOString() };
    });
  }

  /** Failed e-mail deliveries in the ROCU manager's region, most recent first. */
  async failedDeliveries(actor: Actor, page: PageQuery, correlationId: string): Promise<FailedDeliveryListResponse> {
    const region = actor.region ?? '';
    const [rows, total] = await Promise.all([
      notificationInbox.failedPage(this.dataSource, region, page.pageSize, (page.page - 1) * page.pageSize),
      notificationInbox.failedCount(this.dataSource, region),
    ]);
    await auditPageRead(this.dataSource, actor, {
      action: 'FAILED_DELIVERIES_LISTED',
      entityType: 'notification',
      correlationId,
      ids: idsShown(rows),
      total,
      page,
    });
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
  async deliveryReport(actor: Actor, correlationId: string): Promise<DeliveryReportResponse> {
    const region = actor.region ?? '';
    const rows = await notificationInbox.deliveryCounts(this.dataSource, region);
    await auditRegionRead(this.dataSource, actor, { action: 'NOTIFICATION_DELIVERIES_VIEWED', region, correlationId });
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
