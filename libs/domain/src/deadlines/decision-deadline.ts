import { DomainError } from '../errors/domain-error';
import { fromLondon, nextDate, toLondon } from '../calendar/london-time';
import { DEFAULT_REMINDER_FRACTION } from './deadline-policy';
import { ComputedDeadline } from './compute-deadline';

/** The decision clock of an IMMEDIATE referral awaiting decision (domain.md section 5: "same day"). */
export interface DecisionClockPolicy {
  /** Due at the end of the London day it became ready for decision... */
  untilEndOfLondonDay: boolean;
  /** ...or this long after, if that is later. */
  atLeastMs: number;
  reminderFraction: number;
}

export const DEFAULT_DECISION_CLOCK: DecisionClockPolicy = {
  untilEndOfLondonDay: true,
  atLeastMs: 4 * 3_600_000,
  reminderFraction: DEFAULT_REMINDER_FRACTION,
};

/** Midnight at the end of the London day `at` falls in (so 23:00 BST is still that day). */
export function endOfLondonDay(at: Date): Date {
  const local = toLondon(at);
  return fromLondon(nextDate(local), { hour: 0, minute: 0, second: 0, millisecond: 0 });
}

/**
 * When an IMMEDIATE referral awaiting decision must be decided: the end of the London day it was assessed,
 * or four hours after its assessment if that is later; reminded at the policy's fraction of the way.
 */
export function decisionDeadline(awaitingSince: Date, policy: DecisionClockPolicy): ComputedDeadline {
  const start = awaitingSince.getTime();
  if (!Number.isFinite(start)) throw new DomainError('INVALID_DEADLINE_INPUT', 'awaitingSince must be a valid date.');
  const endOfDay = policy.untilEndOfLondonDay ? endOfLondonDay(awaitingSince).getTime() : start;
  const due = Math.max(endOfDay, start + policy.atLeastMs);
  const remind = start + Math.round(policy.reminderFraction * (due - start));
  return { stage: 'DECISION', dueAt: new Date(due), remindAt: new Date(remind) };
}
