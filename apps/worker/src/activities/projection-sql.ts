import type { EntityManager } from 'typeorm';
import type { DeadlineView } from '@rocu/contracts';
import type { Recipient } from './referral-notifications';

/** Upserts the referral's deadlines and keeps referrals.next_deadline_at (the default list sort) in step. */
export async function upsertDeadlines(
  manager: EntityManager,
  referralId: string,
  deadlines: DeadlineView[],
): Promise<void> {
  for (const deadline of deadlines) {
    await manager.query(
      `INSERT INTO referral_deadlines (referral_id, stage, due_at, remind_at, status, reminded_at, escalated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (referral_id, stage) DO UPDATE SET due_at = EXCLUDED.due_at, remind_at = EXCLUDED.remind_at,
         status = EXCLUDED.status, reminded_at = EXCLUDED.reminded_at, escalated_at = EXCLUDED.escalated_at`,
      [
        referralId,
        deadline.stage,
        deadline.dueAt,
        deadline.remindAt,
        deadline.status,
        deadline.remindedAt ?? null,
        deadline.escalatedAt ?? null,
      ],
    );
  }
  const pending = deadlines
    .filter((deadline) => deadline.status === 'PENDING')
    .map((deadline) => deadline.dueAt)
    .sort();
  await manager.query(`UPDATE referrals SET next_deadline_at = $2 WHERE id = $1`, [referralId, pending[0] ?? null]);
}

/** Adds a row to the notification outbox once (the dedupe key makes retries no-ops). */
export async function enqueueNotification(
  manager: EntityManager,
  notification: {
    dedupeKey: string;
    referralId: string;
    kind: string;
    recipient: Recipient;
    payload: Record<string, unknown>;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO notifications (dedupe_key, referral_id, kind, recipient_role, recipient_org, payload)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      notification.dedupeKey,
      notification.referralId,
      notification.kind,
      notification.recipient.role,
      notification.recipient.org,
      JSON.stringify(notification.payload),
    ],
  );
}
