import type { EntityManager } from 'typeorm';
import type { DeadlineView } from '@rocu/contracts';

/**
 * Deadlines as the column arrays `unnest` takes (stage, due, remind, status, reminded, escalated), and the
 * next pending due date, which referrals.next_deadline_at (the default list sort) mirrors.
 */
export function deadlineColumns(deadlines: DeadlineView[]): { columns: (string | null)[][]; nextDue: string | null } {
  const column = <K extends keyof DeadlineView>(key: K) => deadlines.map((deadline) => deadline[key] ?? null);
  const nextDue = deadlines
    .filter((deadline) => deadline.status === 'PENDING')
    .map((deadline) => deadline.dueAt)
    .sort()[0];
  return {
    columns: [
      column('stage'),
      column('dueAt'),
      column('remindAt'),
      column('status'),
      column('remindedAt'),
      column('escalatedAt'),
    ],
    nextDue: nextDue ?? null,
  };
}

/**
 * Upserts the referral's deadlines and keeps referrals.next_deadline_at (the default list sort) in step, in
 * one statement (one round trip) however many stages there are.
 */
export async function upsertDeadlines(
  manager: EntityManager,
  referralId: string,
  deadlines: DeadlineView[],
): Promise<void> {
  const { columns, nextDue } = deadlineColumns(deadlines);
  await manager.query(
    `WITH upserted AS (
       INSERT INTO referral_deadlines (referral_id, stage, due_at, remind_at, status, reminded_at, escalated_at)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT (referral_id, stage) DO UPDATE SET due_at = EXCLUDED.due_at, remind_at = EXCLUDED.remind_at,
         status = EXCLUDED.status, reminded_at = EXCLUDED.reminded_at, escalated_at = EXCLUDED.escalated_at
       RETURNING 1)
     UPDATE referrals SET next_deadline_at = $8 WHERE id = $1`,
    [referralId, ...columns, nextDue],
  );
}
