import { DomainError } from '../errors/domain-error';
import { ENGLAND_WALES_BANK_HOLIDAY_CALENDAR, HolidayCalendar } from '../calendar/bank-holidays';
import { LocalDate, LocalTime, dateKey, dayOfWeek, fromLondon, toLondon } from '../calendar/london-time';
import { isWorkingDate, nextWorkingDate } from '../calendar/working-days';
import { MeetingCadence } from '../reference/regions';
import { MeetingSettings } from './meeting-settings';

export interface CadencePolicy {
  cadence: MeetingCadence;
  /** 1 = Monday .. 5 = Friday. */
  weekday: 1 | 2 | 3 | 4 | 5;
  /** 'HH:MM', UK local time (Europe/London). */
  timeOfDay: string;
  /** Papers close this many working days before the meeting, at the meeting's time of day. */
  paperCutoffDays: number;
  /** 'YYYY-MM-DD': a date the six- and twelve-weekly cycles count from (either direction). */
  anchorDate: string;
  /** For an interval cadence: its cycle in days, replacing the cadence's own (e.g. a fortnightly covert cadence). */
  intervalDays?: number;
}

export const DEFAULT_CADENCE_POLICY: Omit<CadencePolicy, 'cadence'> = {
  weekday: 3,
  timeOfDay: '10:00',
  paperCutoffDays: 5,
  anchorDate: '2026-01-07',
};

/** Days between meetings for interval cadences (whole weeks, so every cycle date keeps its weekday). */
export const CADENCE_INTERVAL_DAYS: Readonly<Record<Exclude<MeetingCadence, 'MONTHLY'>, number>> = {
  SIX_WEEKLY: 42,
  TWELVE_WEEKLY: 84,
};

export interface ScheduledMeeting {
  scheduledFor: Date;
  papersCloseAt: Date;
}

export function cadencePolicyFor(
  cadence: MeetingCadence,
  overrides: Partial<Omit<CadencePolicy, 'cadence'>> = {},
): CadencePolicy {
  return { ...DEFAULT_CADENCE_POLICY, ...overrides, cadence };
}

/**
 * A region's covert commissioning cadence: every `covertEveryDays` (default fortnightly) from the anchor
 * date, on the usual weekday and time, papers closing as for a TTCG.
 */
export function covertCadencePolicy(settings: Pick<MeetingSettings, 'covertEveryDays'>): CadencePolicy {
  return cadencePolicyFor('SIX_WEEKLY', { intervalDays: settings.covertEveryDays });
}

const DAY_MS = 86_400_000;

function invalid(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('INVALID_CADENCE_POLICY', message, details);
}

function parseTime(timeOfDay: string): LocalTime {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(timeOfDay);
  if (match === null) throw invalid(`Meeting time must be HH:MM (got "${timeOfDay}").`, { timeOfDay });
  return { hour: Number(match[1]), minute: Number(match[2]), second: 0, millisecond: 0 };
}

function parseDate(value: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match === null ? null : { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date === null || dateKey(fromUtcDays(toUtcDays(date))) !== value) {
    throw invalid(`Anchor date must be a real YYYY-MM-DD date (got "${value}").`, { anchorDate: value });
  }
  return date;
}

/** Whole days since 1970-01-01 for a calendar date (no time zone involved). */
function toUtcDays(date: LocalDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

function fromUtcDays(days: number): LocalDate {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function validate(policy: CadencePolicy, count: number): { time: LocalTime; anchor: LocalDate } {
  if (!Number.isInteger(count) || count < 0) {
    throw new DomainError(
      'INVALID_MEETING_COUNT',
      `Meeting count must be a whole number of zero or more (got ${count}).`,
      {
        count,
      },
    );
  }
  if (!['MONTHLY', 'SIX_WEEKLY', 'TWELVE_WEEKLY'].includes(policy.cadence)) {
    throw invalid(`Unknown meeting cadence "${String(policy.cadence)}".`, { cadence: policy.cadence });
  }
  if (policy.intervalDays !== undefined && !(Number.isInteger(policy.intervalDays) && policy.intervalDays >= 1)) {
    throw invalid(`A cycle must be a whole number of days, at least 1 (got ${policy.intervalDays}).`, {
      intervalDays: policy.intervalDays,
    });
  }
  if (![1, 2, 3, 4, 5].includes(policy.weekday)) {
    throw invalid(`Meeting weekday must be 1 (Monday) to 5 (Friday) (got ${policy.weekday}).`, {
      weekday: policy.weekday,
    });
  }
  if (!Number.isInteger(policy.paperCutoffDays) || policy.paperCutoffDays < 0) {
    throw invalid(`Paper cut-off must be a whole number of working days (got ${policy.paperCutoffDays}).`, {
      paperCutoffDays: policy.paperCutoffDays,
    });
  }
  return { time: parseTime(policy.timeOfDay), anchor: parseDate(policy.anchorDate) };
}

/** The first <weekday> (1..5) of a month. */
export function firstWeekdayOfMonth(year: number, month: number, weekday: number): LocalDate {
  const first: LocalDate = { year, month, day: 1 };
  return { year, month, day: 1 + ((weekday - dayOfWeek(first) + 7) % 7) };
}

/** A meeting due on a bank holiday (or weekend) moves to the next working day. */
export function meetingDateFor(
  planned: LocalDate,
  holidays: HolidayCalendar = ENGLAND_WALES_BANK_HOLIDAY_CALENDAR,
): LocalDate {
  return isWorkingDate(planned, holidays) ? planned : nextWorkingDate(planned, holidays);
}

/** The working date `days` working days before `date` (date itself need not be a working day). */
export function workingDaysBefore(
  date: LocalDate,
  days: number,
  holidays: HolidayCalendar = ENGLAND_WALES_BANK_HOLIDAY_CALENDAR,
): LocalDate {
  let current = toUtcDays(date);
  for (let remaining = days; remaining > 0;) {
    current -= 1;
    if (isWorkingDate(fromUtcDays(current), holidays)) remaining -= 1;
  }
  return fromUtcDays(current);
}

/** Planned (unshifted) cycle dates in order, starting at or just before `from`'s UK date. */
function* plannedDates(policy: CadencePolicy, anchor: LocalDate, from: LocalDate): Generator<LocalDate> {
  if (policy.cadence === 'MONTHLY') {
    // Start a month early: a shifted meeting never crosses more than a few days.
    let year = from.year;
    let month = from.month - 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    for (;;) {
      yield firstWeekdayOfMonth(year, month, policy.weekday);
      month += 1;
      if (month === 13) {
        month = 1;
        year += 1;
      }
    }
  }
  const interval = policy.intervalDays ?? CADENCE_INTERVAL_DAYS[policy.cadence];
  // The cycle runs on the policy's weekday: the first such day on or after the anchor date.
  const anchorDays = toUtcDays(anchor) + ((policy.weekday - dayOfWeek(anchor) + 7) % 7);
  let cycle = Math.floor((toUtcDays(from) - anchorDays) / interval) - 1;
  for (;;) {
    yield fromUtcDays(anchorDays + cycle * interval);
    cycle += 1;
  }
}

/**
 * The next `count` meetings strictly after `from`. MONTHLY = the first <weekday> of each month;
 * SIX_WEEKLY / TWELVE_WEEKLY = every 42 / 84 days from the anchor date (aligned to the first <weekday> on
 * or after it). A meeting due on a bank holiday moves to the next working day; the cycle itself does not
 * move. Meetings are at timeOfDay Europe/London (so 10:00 stays 10:00 across GMT/BST). papersCloseAt is
 * paperCutoffDays working days before the meeting's actual date, at the same UK time.
 */
export function upcomingMeetings(
  policy: CadencePolicy,
  from: Date,
  count: number,
  holidays: HolidayCalendar = ENGLAND_WALES_BANK_HOLIDAY_CALENDAR,
): ScheduledMeeting[] {
  const { time, anchor } = validate(policy, count);
  const fromLocal = toLondon(from); // also rejects an invalid date
  const start = from.getTime();
  const meetings: ScheduledMeeting[] = [];
  if (count === 0) return meetings;
  for (const planned of plannedDates(policy, anchor, fromLocal)) {
    const date = meetingDateFor(planned, holidays);
    const scheduledFor = fromLondon(date, time);
    if (scheduledFor.getTime() <= start) continue;
    meetings.push({
      scheduledFor,
      papersCloseAt: fromLondon(workingDaysBefore(date, policy.paperCutoffDays, holidays), time),
    });
    if (meetings.length === count) return meetings;
  }
  return meetings;
}
