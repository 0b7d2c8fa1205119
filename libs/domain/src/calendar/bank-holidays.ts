/** Answers whether a UK calendar date (`YYYY-MM-DD`) is a holiday; a ReadonlySet<string> is one. */
export interface HolidayCalendar {
  has(dateKey: string): boolean;
}

/**
 * A one-off change made by royal proclamation: `adds` is an extra or moved bank holiday, `removes` the
 * usual date it replaces (absent for an extra day).
 */
export interface BankHolidayChange {
  adds: string;
  removes?: string;
  occasion: string;
}

/** One-off changes in England and Wales since the present pattern began (1978). */
export const ENGLAND_WALES_BANK_HOLIDAY_CHANGES: readonly BankHolidayChange[] = [
  { adds: '1995-05-08', removes: '1995-05-01', occasion: 'VE Day 50th anniversary (early May moved)' },
  { adds: '1999-12-31', occasion: 'Millennium' },
  { adds: '2002-06-04', removes: '2002-05-27', occasion: 'Golden Jubilee (spring moved)' },
  { adds: '2002-06-03', occasion: 'Golden Jubilee' },
  { adds: '2011-04-29', occasion: 'Royal wedding' },
  { adds: '2012-06-04', removes: '2012-05-28', occasion: 'Diamond Jubilee (spring moved)' },
  { adds: '2012-06-05', occasion: 'Diamond Jubilee' },
  { adds: '2020-05-08', removes: '2020-05-04', occasion: 'VE Day 75th anniversary (early May moved)' },
  { adds: '2022-06-02', removes: '2022-05-30', occasion: 'Platinum Jubilee (spring moved)' },
  { adds: '2022-06-03', occasion: 'Platinum Jubilee' },
  { adds: '2022-09-19', occasion: 'State funeral of Queen Elizabeth II' },
  { adds: '2023-05-08', occasion: 'Coronation of King Charles III' },
];

const DAY_MS = 86_400_000;
const weekday = (t: number): number => new Date(t).getUTCDay();
const isWeekend = (t: number): boolean => weekday(t) === 0 || weekday(t) === 6;
const toKey = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus), as a UTC midnight. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return Date.UTC(year, Math.floor(n / 31) - 1, (n % 31) + 1);
}

/** The Monday on or after (direction 1) or on or before (direction -1) a date. */
function monday(t: number, direction: 1 | -1): number {
  let day = t;
  while (weekday(day) !== 1) day += direction * DAY_MS;
  return day;
}

/** The next weekday on or after a date that is not already taken: how a weekend holiday gets its substitute. */
function substitute(t: number, taken: readonly number[]): number {
  let day = t;
  while (isWeekend(day) || taken.includes(day)) day += DAY_MS;
  return day;
}

/**
 * England and Wales bank holidays of a year, by the Banking and Financial Dealings Act 1971 and the
 * annual proclamations: New Year's Day, Good Friday, Easter Monday, the first Monday of May, the last
 * Mondays of May and August, Christmas Day and Boxing Day; a holiday falling at a weekend is replaced
 * by the next weekday not already a holiday. Then the one-off changes above. Sorted `YYYY-MM-DD` keys.
 */
export function englandWalesBankHolidays(year: number): readonly string[] {
  const easter = easterSunday(year);
  const newYear = substitute(Date.UTC(year, 0, 1), []);
  const christmas = substitute(Date.UTC(year, 11, 25), []);
  const boxingDay = substitute(Date.UTC(year, 11, 26), [christmas]);
  const rule = [
    newYear,
    easter - 2 * DAY_MS,
    easter + DAY_MS,
    monday(Date.UTC(year, 4, 1), 1),
    monday(Date.UTC(year, 4, 31), -1),
    monday(Date.UTC(year, 7, 31), -1),
    christmas,
    boxingDay,
  ].map(toKey);
  const changes = ENGLAND_WALES_BANK_HOLIDAY_CHANGES.filter((change) => change.adds.startsWith(`${year}-`));
  const removed = new Set(changes.map((change) => change.removes));
  return [...rule.filter((key) => !removed.has(key)), ...changes.map((change) => change.adds)].sort();
}

const BY_YEAR = new Map<number, ReadonlySet<string>>();

/** Whether a `YYYY-MM-DD` date is an England and Wales bank holiday (any year, computed once per year). */
export function isEnglandWalesBankHoliday(dateKey: string): boolean {
  const year = Number(dateKey.slice(0, 4));
  let holidays = BY_YEAR.get(year);
  if (holidays === undefined) {
    holidays = new Set(englandWalesBankHolidays(year));
    BY_YEAR.set(year, holidays);
  }
  return holidays.has(dateKey);
}

/** The default calendar of working-day rules: England and Wales. */
export const ENGLAND_WALES_BANK_HOLIDAY_CALENDAR: HolidayCalendar = { has: isEnglandWalesBankHoliday };
