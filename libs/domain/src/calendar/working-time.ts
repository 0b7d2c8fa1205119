import { DomainError } from '../errors/domain-error';
import { ENGLAND_WALES_BANK_HOLIDAY_CALENDAR, HolidayCalendar } from './bank-holidays';
import { LocalDate, LocalTime, fromLondon, nextDate, toLondon } from './london-time';
import { isWorkingDate } from './working-days';

const MIDNIGHT: LocalTime = { hour: 0, minute: 0, second: 0, millisecond: 0 };

/** When the UK calendar day after `date` begins. */
const endOf = (date: LocalDate): number => fromLondon(nextDate(date), MIDNIGHT).getTime();

/**
 * Working time between two instants: the milliseconds of [from, to) that fall on UK working days (whole
 * calendar days, judged in UK local time; weekends and bank holidays count nothing). Zero when `to` is
 * not after `from`.
 */
export function workingTimeBetween(
  from: Date,
  to: Date,
  holidays: HolidayCalendar = ENGLAND_WALES_BANK_HOLIDAY_CALENDAR,
): number {
  const end = to.getTime();
  let t = from.getTime();
  let date: LocalDate = toLondon(from);
  let total = 0;
  while (t < end) {
    const dayEnd = Math.min(endOf(date), end);
    if (isWorkingDate(date, holidays)) total += dayEnd - t;
    t = dayEnd;
    date = nextDate(date);
  }
  return total;
}

/**
 * The earliest instant on a working day by which `ms` of working time has passed since `from`: time on
 * weekends and bank holidays does not count. Working time that runs out exactly at the end of a working
 * day lands at the start (00:00 UK time) of the next working day, so the result is always on a working day.
 */
export function addWorkingTime(
  from: Date,
  ms: number,
  holidays: HolidayCalendar = ENGLAND_WALES_BANK_HOLIDAY_CALENDAR,
): Date {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new DomainError('INVALID_WORKING_TIME', `Working time must be zero or more milliseconds (got ${ms}).`, {
      ms,
    });
  }
  let t = from.getTime();
  let date: LocalDate = toLondon(from);
  let remaining = ms;
  for (;;) {
    const dayEnd = endOf(date);
    if (isWorkingDate(date, holidays)) {
      if (t + remaining < dayEnd) return new Date(t + remaining);
      remaining -= dayEnd - t;
    }
    t = dayEnd;
    date = nextDate(date);
  }
}
