import { DomainError } from '../errors/domain-error';
import { addWorkingDays } from '../calendar/working-days';
import { DeadlineStage, DurationSpec, StagePolicy } from './deadline-policy';

export interface ComputedDeadline {
  stage: DeadlineStage;
  dueAt: Date;
  remindAt: Date;
}

/** The deadline before any pause: elapsed time, or whole UK working days. */
export function baseDueAt(startedAt: Date, due: DurationSpec): Date {
  return 'elapsedMs' in due
    ? new Date(startedAt.getTime() + due.elapsedMs)
    : addWorkingDays(startedAt, due.workingDays);
}

/**
 * Both stage clocks run from submission (startedAt). The reminder falls at reminderFraction of the way
 * to the base deadline; then both move later by pausedMs, the total time spent waiting for the
 * referrer's information (the clock is paused while INFO_REQUESTED).
 */
export function computeDeadline(
  stage: DeadlineStage,
  startedAt: Date,
  policy: StagePolicy,
  pausedMs: number,
): ComputedDeadline {
  const start = startedAt.getTime();
  if (!Number.isFinite(start)) throw new DomainError('INVALID_DEADLINE_INPUT', 'startedAt must be a valid date.');
  if (!Number.isFinite(pausedMs) || pausedMs < 0) {
    throw new DomainError('INVALID_DEADLINE_INPUT', `pausedMs must be zero or more (got ${pausedMs}).`, { pausedMs });
  }
  const base = baseDueAt(startedAt, policy.due).getTime();
  // Rounded to whole milliseconds so timers and stored timestamps agree exactly.
  const remind = start + Math.round(policy.reminderFraction * (base - start));
  return { stage, dueAt: new Date(base + pausedMs), remindAt: new Date(remind + pausedMs) };
}
