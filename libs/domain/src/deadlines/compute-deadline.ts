import { DomainError } from '../errors/domain-error';
import { addWorkingDays } from '../calendar/working-days';
import { addWorkingTime, workingTimeBetween } from '../calendar/working-time';
import { DeadlineStage, DurationSpec, StagePolicy } from './deadline-policy';

export interface ComputedDeadline {
  stage: DeadlineStage;
  dueAt: Date;
  remindAt: Date;
}

/** Time a stage's clock stood still while waiting for the referrer: on the clock, and the working time within it. */
export interface PausedTime {
  elapsedMs: number;
  workingMs: number;
}

export const NO_PAUSE: PausedTime = { elapsedMs: 0, workingMs: 0 };

/** The deadline before any pause: elapsed time, or whole UK working days. */
export function baseDueAt(startedAt: Date, due: DurationSpec): Date {
  return 'elapsedMs' in due
    ? new Date(startedAt.getTime() + due.elapsedMs)
    : addWorkingDays(startedAt, due.workingDays);
}

/** When a working-day clock starts: at once on a working day, otherwise 09:00 UK time on the next working day. */
export const workingClockStart = (startedAt: Date): Date => addWorkingDays(startedAt, 0);

function checkInput(startedAt: Date, pausedMs: number): void {
  if (!Number.isFinite(startedAt.getTime())) {
    throw new DomainError('INVALID_DEADLINE_INPUT', 'startedAt must be a valid date.');
  }
  if (!Number.isFinite(pausedMs) || pausedMs < 0) {
    throw new DomainError('INVALID_DEADLINE_INPUT', `pausedMs must be zero or more (got ${pausedMs}).`, { pausedMs });
  }
}

/**
 * Both stage clocks run from submission (startedAt); the reminder falls at reminderFraction of the way to
 * the deadline, and time paused for the referrer's information is given back.
 *
 * - Elapsed-time deadlines (IMMEDIATE) stay in clock time: the reminder at the fraction of the elapsed
 *   span, and both move later by the paused time on the clock.
 * - Working-day deadlines count working time only: the clock starts when the work arrives (09:00 UK time
 *   on the next working day if it arrives on a weekend or bank holiday), the reminder falls once the
 *   fraction of the working time to the deadline has passed, and the working time that passed while
 *   paused is added back as working time. So neither ever falls on a weekend or bank holiday.
 */
export function computeDeadline(
  stage: DeadlineStage,
  startedAt: Date,
  policy: StagePolicy,
  paused: PausedTime = NO_PAUSE,
): ComputedDeadline {
  return { stage, ...deadlineTimes(startedAt, policy, paused) };
}

/** computeDeadline's due and reminder times, for a clock that is not one of the referral's stages. */
export function deadlineTimes(
  startedAt: Date,
  policy: StagePolicy,
  paused: PausedTime = NO_PAUSE,
): Omit<ComputedDeadline, 'stage'> {
  checkInput(startedAt, paused.elapsedMs);
  checkInput(startedAt, paused.workingMs);
  const { due, reminderFraction } = policy;
  if ('elapsedMs' in due) {
    // Rounded to whole milliseconds so timers and stored timestamps agree exactly.
    const start = startedAt.getTime() + paused.elapsedMs;
    const remindAt = new Date(start + Math.round(reminderFraction * due.elapsedMs));
    return { dueAt: new Date(start + due.elapsedMs), remindAt };
  }
  const arrived = workingClockStart(startedAt);
  const base = addWorkingDays(startedAt, due.workingDays);
  const remindBase = addWorkingTime(arrived, Math.round(reminderFraction * workingTimeBetween(arrived, base)));
  return {
    dueAt: addWorkingTime(base, paused.workingMs),
    remindAt: addWorkingTime(remindBase, paused.workingMs),
  };
}

/**
 * The rule before reminders counted working time: the reminder at the fraction of the calendar time to
 * the deadline, and both moved later by the paused time on the clock. Kept only for referrals whose
 * workflows started under it, which keep their deadlines (see the referral workflow's patch).
 */
export function computeCalendarDeadline(
  stage: DeadlineStage,
  startedAt: Date,
  policy: StagePolicy,
  pausedMs: number,
): ComputedDeadline {
  checkInput(startedAt, pausedMs);
  const start = startedAt.getTime();
  const base = baseDueAt(startedAt, policy.due).getTime();
  const remind = start + Math.round(policy.reminderFraction * (base - start));
  return { stage, dueAt: new Date(base + pausedMs), remindAt: new Date(remind + pausedMs) };
}
