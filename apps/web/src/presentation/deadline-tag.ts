import type { Tag } from './referral-labels';

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The UK calendar day of an instant, "2026-12-01" (deadlines are read by people in UK local time). */
export const londonDay = (instant: Date): string => LONDON_DAY.format(instant);

/**
 * How urgent a deadline looks to the person working it: "Overdue" once it has passed, "Due today" when it
 * falls later on the same UK calendar day, nothing otherwise (or when there is no deadline).
 */
export function deadlineTag(dueAt: string | null | undefined, now: Date): Tag | undefined {
  if (!dueAt) return undefined;
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) return undefined;
  if (due.getTime() <= now.getTime()) return { text: 'Overdue', classes: 'govuk-tag--red' };
  if (londonDay(due) === londonDay(now)) return { text: 'Due today', classes: 'govuk-tag--orange' };
  return undefined;
}
