import type { EntityManager } from 'typeorm';
import type { Recipient } from '@rocu/domain';

export type { Recipient };

/**
 * Adds a row to the notification outbox once (the dedupe key makes retries no-ops), in the caller's transaction
 * so that the notice exists exactly when the change it reports does.
 */
export async function enqueueNotification(
  manager: EntityManager,
  notification: {
    dedupeKey: string;
    /** Null for a notice about a meeting rather than one referral. */
    referralId: string | null;
    kind: string;
    recipient: Recipient;
    payload: Record<string, unknown>;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO notifications (dedupe_key, referral_id, kind, recipient_role, recipient_org, recipient_sub, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      notification.dedupeKey,
      notification.referralId,
      notification.kind,
      notification.recipient.role,
      notification.recipient.org,
      notification.recipient.sub ?? null,
      JSON.stringify(notification.payload),
    ],
  );
}
