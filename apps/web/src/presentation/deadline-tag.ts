import type { Tag } from './referral-labels';

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** "Overdue" once a deadline has passed, "Due today" on its UK calendar day, otherwise no tag. */
export function deadlineTag(dueAt: string | null, now: Date): Tag | undefined {
  if (!dueAt) return undefined;
  const due = new Date(dueAt);
  if (due.getTime() < now.getTime()) return { text: 'Overdue', classes: 'govuk-tag--red' };
  if (LONDON_DAY.format(due) === LONDON_DAY.format(now)) return { text: 'Due today', classes: 'govuk-tag--orange' };
  return undefined;
}
