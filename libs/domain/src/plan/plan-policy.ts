import { DomainError } from '../errors/domain-error';
import { baseDueAt, deadlineTimes } from '../deadlines/compute-deadline';
import { DEFAULT_REMINDER_FRACTION, DurationSpec, StagePolicy } from '../deadlines/deadline-policy';
import {
  isObject,
  parseDuration,
  parseStage,
  readConfigObject,
  show,
  unknownKeys,
} from '../deadlines/parse-deadline-policies';

/** How often the SIO and LRO must review the plan together: calendar months, working days or elapsed time. */
export type ReviewInterval = DurationSpec | { months: number };

export interface ReviewPolicy {
  every: ReviewInterval;
  /** Fraction of the cycle at which the SIO and LRO are reminded. */
  reminderFraction: number;
  /**
   * Set by the plan's workflows only, never by configuration: a plan's run started before working-day reminders
   * counted working time keeps the fraction of calendar time (which could fall on a weekend), so its timers replay;
   * its next run (continue-as-new) counts working time.
   */
  calendarTimeReminder?: true;
}

/** Deadlines after adoption: allocating an SIO, then the plan's joint review cadence. */
export interface PlanPolicy {
  allocation: StagePolicy;
  review: ReviewPolicy;
}

/** Defaults from issue #5 and domain.md section 5: allocate within 5 working days; review at least monthly. */
export const DEFAULT_PLAN_POLICY: PlanPolicy = {
  allocation: { due: { workingDays: 5 }, reminderFraction: DEFAULT_REMINDER_FRACTION },
  review: { every: { months: 1 }, reminderFraction: DEFAULT_REMINDER_FRACTION },
};

/** Adds calendar months in UTC, clamping to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(from.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

export interface ReviewCycle {
  dueAt: string;
  remindAt: string;
}

/**
 * The review cycle that starts at `from` (the plan's start, the last completed review, or the last missed due date).
 * A cycle of working days is reminded as a referral's deadlines are, in working time, so never at a weekend or bank
 * holiday; a cycle of months or elapsed time at the fraction of its calendar time.
 */
export function reviewCycle(from: Date, policy: ReviewPolicy): ReviewCycle {
  const start = from.getTime();
  if (!Number.isFinite(start)) throw new DomainError('INVALID_DEADLINE_INPUT', 'A review cycle needs a valid start.');
  if ('workingDays' in policy.every && !policy.calendarTimeReminder) {
    const { dueAt, remindAt } = deadlineTimes(from, { due: policy.every, reminderFraction: policy.reminderFraction });
    return { dueAt: dueAt.toISOString(), remindAt: remindAt.toISOString() };
  }
  const due = (
    'months' in policy.every ? addMonths(from, policy.every.months) : baseDueAt(from, policy.every)
  ).getTime();
  const remind = start + Math.round(policy.reminderFraction * (due - start));
  return { dueAt: new Date(due).toISOString(), remindAt: new Date(remind).toISOString() };
}

/** The review policy a plan's workflow runs under: calendar-time reminders for a plan started before the change. */
export function reviewPolicyOf(policy: ReviewPolicy, workingTimeReminders: boolean): ReviewPolicy {
  return workingTimeReminders ? policy : { ...policy, calendarTimeReminder: true };
}

function parseInterval(value: unknown, path: string, errors: string[]): ReviewInterval | undefined {
  if (isObject(value) && 'months' in value) {
    unknownKeys(value, ['months'], path, errors);
    const months = value['months'];
    if (typeof months === 'number' && Number.isInteger(months) && months > 0) return { months };
    errors.push(`${path}.months must be a positive whole number (got ${show(months)})`);
    return undefined;
  }
  return parseDuration(value, path, errors);
}

/**
 * Validates a plan-policy override from configuration (an object or its JSON text). Either part may be
 * left out to keep its default; every problem is reported in one Error.
 */
export function parsePlanPolicy(json: unknown): PlanPolicy {
  const value = readConfigObject(json, 'plan policy', 'an object with allocation and/or review');
  const errors: string[] = [];
  unknownKeys(value, ['allocation', 'review'], 'policy', errors);
  const allocation =
    value['allocation'] === undefined
      ? DEFAULT_PLAN_POLICY.allocation
      : parseStage(value['allocation'], 'policy.allocation', errors);
  let review: ReviewPolicy | undefined = DEFAULT_PLAN_POLICY.review;
  const reviewValue = value['review'];
  if (reviewValue !== undefined) {
    review = undefined;
    if (!isObject(reviewValue)) {
      errors.push('policy.review must be an object with every and optional reminderFraction');
    } else {
      unknownKeys(reviewValue, ['every', 'reminderFraction'], 'policy.review', errors);
      const every = parseInterval(reviewValue['every'], 'policy.review.every', errors);
      const fraction = reviewValue['reminderFraction'] ?? DEFAULT_REMINDER_FRACTION;
      if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) {
        errors.push(
          `policy.review.reminderFraction must be a number greater than 0 and at most 1 (got ${show(fraction)})`,
        );
      } else if (every !== undefined) {
        review = { every, reminderFraction: fraction };
      }
    }
  }
  if (errors.length > 0 || allocation === undefined || review === undefined) {
    throw new Error(`Invalid plan policy: ${errors.join('; ')}`);
  }
  return { allocation, review };
}
