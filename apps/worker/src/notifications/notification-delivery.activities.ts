import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@rocu/config';
import { DELIVERY_FAILED_KIND, ESCALATION_KINDS, notificationText } from '@rocu/domain';
import type { NotificationActivities } from '@rocu/contracts';
import { appendAudit, enqueueNotification } from '@rocu/persistence';
import { emailMessage } from './email-message';
import { MailTransportService } from './mail-transport.service';

/** A row handed over this long ago and still pending is handed over again (its workflow was lost). */
const REDISPATCH_AFTER_MS = 15 * 60_000;

interface OutboxRow {
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

/** An SMTP reply code of 5xx is the server refusing for good; anything else (4xx, network) may pass. */
function smtpResponseCode(error: unknown): number | undefined {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' ? code : undefined;
}

/** Delivers the notification outbox by e-mail (see notification.workflow.ts for the retries around it). */
@Injectable()
export class NotificationDeliveryActivities implements NotificationActivities {
  private readonly logger = new Logger(NotificationDeliveryActivities.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly mail: MailTransportService,
  ) {}

  async claimNotifications(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      // A CTE, because TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
      `WITH claimed AS (
         UPDATE notifications SET dispatched_at = now()
          WHERE id IN (SELECT id FROM notifications
                        WHERE status = 'PENDING'
                          AND (dispatched_at IS NULL OR dispatched_at < now() - $2::int * interval '1 millisecond')
                        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id)
       SELECT id::text FROM claimed ORDER BY id`,
      [limit, REDISPATCH_AFTER_MS],
    );
    return rows.map((row) => row.id);
  }

  async deliverNotification(notificationId: string): Promise<void> {
    const row = await this.load(notificationId);
    if (!row || row.status !== 'PENDING') return;
    const address = await this.addressOf(row);
    const attempt = Context.current().info.attempt;
    await this.dataSource.query(`UPDATE notifications SET attempts = $2, recipient_address = $3 WHERE id = $1`, [
      notificationId,
      attempt,
      address,
    ]);
    const message = emailMessage(
      notificationText({ kind: row.kind, reference: row.reference, payload: row.payload }),
      new URL('/notifications', this.config.NOTIFY_LINK_BASE_URL).toString(),
    );
    const messageId = `<notification-${notificationId}@${this.mail.messageIdDomain}>`;
    try {
      const accepted = await this.mail.send({ to: address, messageId, ...message });
      await this.dataSource.query(
        `UPDATE notifications SET status = 'SENT', delivered_at = now(), message_id = $2, smtp_response = $3,
           last_error = NULL WHERE id = $1 AND status = 'PENDING'`,
        [notificationId, accepted.messageId || messageId, accepted.response],
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(`UPDATE notifications SET last_error = $2 WHERE id = $1`, [notificationId, reason]);
      const code = smtpResponseCode(error);
      this.logger.warn(`notification ${notificationId}: attempt ${attempt} failed: ${reason}`);
      if (code !== undefined && code >= 500) {
        throw ApplicationFailure.create({ type: 'SMTP_REJECTED', message: reason, nonRetryable: true });
      }
      throw error;
    }
  }

  async recordDeliveryFailure(failure: { notificationId: string; reason: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [failed] = await manager.query<OutboxRow[]>(
        `WITH failed AS (
           UPDATE notifications SET status = 'FAILED', failed_at = now(), last_error = $2
            WHERE id = $1 AND status = 'PENDING'
            RETURNING id, kind, recipient_role, recipient_org, referral_id)
         SELECT failed.id::text, kind, recipient_role AS "recipientRole", recipient_org AS "recipientOrg",
                referral_id AS "referralId", r.region
           FROM failed LEFT JOIN referrals r ON r.id = failed.referral_id`,
        [failure.notificationId, failure.reason],
      );
      if (!failed) return;
      if (ESCALATION_KINDS.has(failed.kind)) {
        // The escalation is itself escalated: the region's ROCU manager is told it did not arrive.
        await enqueueNotification(manager, {
          dedupeKey: `delivery-failed:${failed.id}`,
          referralId: failed.referralId,
          kind: DELIVERY_FAILED_KIND,
          recipient: { role: 'ROCU_MANAGER', org: failed.region ?? failed.recipientOrg },
          payload: { notificationId: failed.id, failedKind: failed.kind },
        });
      }
      await appendAudit(manager, {
        actorSub: 'system',
        actorOrg: null,
        action: 'NOTIFICATION_DELIVERY_FAILED',
        entityType: 'notification',
        entityId: failed.id,
        outcome: 'FAILED',
        details: {
          kind: failed.kind,
          recipientRole: failed.recipientRole,
          recipientOrg: failed.recipientOrg,
          referralId: failed.referralId,
          reason: failure.reason,
        },
        dedupeKey: `notification-failed:${failed.id}`,
      });
    });
  }

  private async load(notificationId: string): Promise<OutboxRow | undefined> {
    const [row] = await this.dataSource.query<OutboxRow[]>(
      `SELECT n.id, n.kind, n.status, n.recipient_role AS "recipientRole", n.recipient_org AS "recipientOrg",
              n.recipient_sub AS "recipientSub", n.payload, r.reference, r.region, n.referral_id AS "referralId"
         FROM notifications n LEFT JOIN referrals r ON r.id = n.referral_id WHERE n.id = $1`,
      [notificationId],
    );
    return row;
  }

  /** The person's own address when the notification names one, else the role's mailbox in the organisation. */
  private async addressOf(row: OutboxRow): Promise<string> {
    const [mailbox] = await this.dataSource.query<{ address: string }[]>(
      `SELECT address FROM notification_mailboxes
        WHERE org = $1 AND role = $2 AND person_sub IN ('', coalesce($3, ''))
        ORDER BY person_sub DESC LIMIT 1`,
      [row.recipientOrg, row.recipientRole, row.recipientSub],
    );
    if (!mailbox) {
      throw ApplicationFailure.create({
        type: 'NO_MAILBOX',
        message: `No mailbox for ${row.recipientRole} at ${row.recipientOrg}`,
        nonRetryable: true,
      });
    }
    return mailbox.address;
  }
}
