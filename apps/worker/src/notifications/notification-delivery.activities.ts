import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@rocu/config';
import { DELIVERY_FAILED_KIND, ESCALATION_KINDS, notificationText } from '@rocu/domain';
import type { NotificationActivities } from '@rocu/contracts';
import {
  appendAudit,
  enqueueNotification,
  notificationDeliveryRepository as repository,
  type OutboxRow,
} from '@rocu/persistence';
import { emailMessage } from './email-message';
import { MailTransportService } from './mail-transport.service';

/** A row handed over this long ago and still pending is handed over again (its workflow was lost). */
const REDISPATCH_AFTER_MS = 15 * 60_000;

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
    return repository.claim(this.dataSource, limit, REDISPATCH_AFTER_MS);
  }

  async deliverNotification(notificationId: string): Promise<void> {
    const row = await repository.load(this.dataSource, notificationId);
    if (!row || row.status !== 'PENDING') return;
    const address = await this.addressOf(row);
    const attempt = Context.current().info.attempt;
    await repository.recordAttempt(this.dataSource, notificationId, attempt, address);
    const message = emailMessage(
      notificationText({ kind: row.kind, reference: row.reference, payload: row.payload }),
      new URL('/notifications', this.config.NOTIFY_LINK_BASE_URL).toString(),
    );
    const messageId = `<notification-${notificationId}@${this.mail.messageIdDomain}>`;
    try {
      const accepted = await this.mail.send({ to: address, messageId, ...message });
      await repository.markSent(this.dataSource, notificationId, {
        messageId: accepted.messageId || messageId,
        response: accepted.response,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await repository.recordError(this.dataSource, notificationId, reason);
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
      const failed = await repository.markFailed(manager, failure.notificationId, failure.reason);
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

  /** The named person's own address, else the role's mailbox (never an SIO's or LRO's: see mailboxAddress). */
  private async addressOf(row: OutboxRow): Promise<string> {
    const address = await repository.mailboxAddress(this.dataSource, row);
    if (address === undefined) {
      const role = `${row.recipientRole} at ${row.recipientOrg}`;
      throw ApplicationFailure.create({
        type: 'NO_MAILBOX',
        message: `No mailbox for ${row.recipientSub ? `${row.recipientSub} (${role})` : role}`,
        nonRetryable: true,
      });
    }
    return address;
  }
}
