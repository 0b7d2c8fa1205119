import { DomainError } from '../errors/domain-error';
import { ENGLAND_WALES_BANK_HOLIDAY_CALENDAR, HolidayCalendar } from './bank-holidays';
import { LocalDate, LocalTime, dateKey, dayOfWeek, fromLondon, nextDate, toLondon } from './london-time';

/** Where the clock starts when work arrives outside a working day. */
export const WORKING_DAY_START: LocalTime = { hour: 9, minute: 0, second: 0, millisecond: 0 };

/** A calendar date is a working day unless it is a Saturday, a Sunday or a listed bank holiday. */
export function isWorkingDate(
  date: LocalDate,
  holidays: HolidayCalendar = ENGLAND_WALES_BANK_HOLIDAY_CALENDAR,
): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !holidays.has(dateKey(date));
}

/** Judged on the UK local date (Europe/London, so 23:30 UTC on a summer Friday is already Saturday). */
export function isWorkingDay(at: Date, holidays: HolidayCalendar = ENGLAND_WALES_BANK_HOLIDAY_CALENDAR): boolean {
  return isWorkingDate(toLondon(at), holidays);
}

/**
 * Adds whole working days to an instant.
 *
 * Rule: step forward one UK calendar day at a time, counting only working days, and keep the start's
 * UK wall-clock time of day (so 14:30 stays 14:30 across a GMT/BST change; the elapsed hours differ).
 * If the start itself is not a working day (weekend or bank holiday), work is treated as arriving at
 * 09:00 UK time on the next working day, and the days are counted from there: Saturday + 1 working day
 * is Tuesday 09:00, and Saturday + 0 is Monday 09:00. A start on a working day + 0 is the start itself.
 * Times outside office hours on a working day are not adjusted: the clock runs from the real instant.
 */
export function addWorkingDays(
  start: Date,
  days: number,
  holidays: HolidayCalendar = ENGLAND_WALES_BANK_HOLIDAY_CALENDAR,
): Date {
  if (!Number.isInteger(days) || days < 0) {
    throw new DomainError(
      'INVALID_WORKING_DAYS',
      `Working days must be a whole number of zero or more (got ${days}).`,
      { days },
    );
  }
  const local = toLondon(start);
  let date: LocalDate = local;
  let time: LocalTime = local;
  if (!isWorkingDate(local, holidays)) {
    date = nextWorkingDate(local, holidays);
    time = WORKING_DAY_START;
  } else if (days === 0) {
    return new Date(start.getTime());
  }
  for (let remaining = days; remaining > 0; remaining -= 1) date = nextWorkingDate(date, holidays);
  return fromLondon(date, time);
}

/** The first working date strictly after the given date. */
export function nextWorkingDate(
  date: LocalDate,
  holidays: HolidayCalendar = ENGLAND_WALES_BANK_HOLIDAY_CALENDAR,
): LocalDate {
  let next = nextDate(date);
  while (!isWorkingDate(next, holidays)) next = nextDate(next);
  return next;
}
