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
 * One clock of a stage: its due and reminder times. A clock started afresh almost always has another due time (a
 * pause moved it) or at least another reminder time (a decision after a national return, due at the same end of
 * day, started later). Not always: a tasking re-adopted over the same weekend gets the first adoption's times.
 * A notice whose record commits before the transition that started its clock is not marked here; the read
 * model shows it from the next transition that carries it (the workflow's deadlines do).
 */
const SAME_CLOCK = 'referral_deadlines.due_at = EXCLUDED.due_at AND referral_deadlines.remind_at = EXCLUDED.remind_at';

/** A notice noted on a deadline is kept while that clock stands. */
const KEPT_NOTICE = (column: string) =>
  `${column} = coalesce(EXCLUDED.${column}, CASE WHEN ${SAME_CLOCK} THEN referral_deadlines.${column} END)`;
const REPLACED_NOTICE = (column: string) => `${column} = EXCLUDED.${column}`;

/**
 * Upserts the referral's deadlines and keeps referrals.next_deadline_at (the default list sort) in step, in
 * one statement (one round trip) however many stages there are. A transition's deadlines never take back a
 * reminder or escalation already recorded (its notice may have committed first); the projection rebuild,
 * which holds the referral and writes the workflow's own deadlines, replaces them (`notices: 'replace'`).
 */
export async function upsertDeadlines(
  manager: EntityManager,
  referralId: string,
  deadlines: DeadlineView[],
  notices: 'keep' | 'replace' = 'keep',
): Promise<void> {
  const { columns, nextDue } = deadlineColumns(deadlines);
  const notice = notices === 'keep' ? KEPT_NOTICE : REPLACED_NOTICE;
  await manager.query(
    `WITH upserted AS (
       INSERT INTO referral_deadlines (referral_id, stage, due_at, remind_at, status, reminded_at, escalated_at)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT (referral_id, stage) DO UPDATE SET due_at = EXCLUDED.due_at, remind_at = EXCLUDED.remind_at,
         status = EXCLUDED.status, ${notice('reminded_at')}, ${notice('escalated_at')}
       RETURNING 1)
     UPDATE referrals SET next_deadline_at = $8 WHERE id = $1`,
    [referralId, ...columns, nextDue],
  );
}

/**
 * Records that one stage's reminder or escalation went, with the time the workflow noted, and nothing else: a
 * notice is not a transition, so the deadline's status and due times and the referral's next deadline stay
 * as the latest projected transition left them, even when the notice's activity commits after it. The row
 * is written whole only when no transition has projected it yet.
 */
export async function recordDeadlineNotice(
  manager: EntityManager,
  referralId: string,
  view: DeadlineView,
): Promise<void> {
  await manager.query(
    `INSERT INTO referral_deadlines (referral_id, stage, due_at, remind_at, status, reminded_at, escalated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (referral_id, stage) DO UPDATE
       SET reminded_at = coalesce(referral_deadlines.reminded_at, EXCLUDED.reminded_at),
           escalated_at = coalesce(referral_deadlines.escalated_at, EXCLUDED.escalated_at)
       WHERE ${SAME_CLOCK}`,
    [referralId, view.stage, view.dueAt, view.remindAt, view.status, view.remindedAt ?? null, view.escalatedAt ?? null],
  );
}
