import { DomainError } from '../errors/domain-error';
import { lazily } from '../lazily';

/** A calendar date in UK local time. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Wall-clock time of day in UK local time. */
export interface LocalTime {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface LondonDateTime extends LocalDate, LocalTime {}

export const UK_TIME_ZONE = 'Europe/London';

// Intl is available in Temporal's workflow sandbox and is deterministic for a given instant. Only years outside
// the Summer Time Order's rule below need it.
const formatter = lazily(
  () =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: UK_TIME_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
);

function assertValid(at: Date): number {
  const time = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new DomainError('INVALID_DATE', 'Expected a valid date.');
  return time;
}

const HOUR_MS = 3_600_000;

/**
 * The Summer Time Order 2002: British Summer Time runs from 01:00 GMT on the last Sunday of March to 01:00 GMT
 * on the last Sunday of October. Worked out by arithmetic for the years it covers (to 2099 here), because
 * asking Intl costs about 5 µs a call and a working-day deadline made about a hundred (bench/README.md,
 * "Deadlines without Intl"); other years ask Intl. The spec checks the rule against Intl's time zone data,
 * to the millisecond around every change from 1990 to 2110.
 */
const RULE_YEARS = { first: 2002, last: 2099 };

/** 01:00 UTC on the last Sunday of a month (0-based), as epoch milliseconds. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Each year's summer time as [start, end) in epoch milliseconds, worked out once per year. */
const SUMMER_TIME_BY_YEAR = new Map<number, readonly [number, number]>();

/** The offset by the Order, or undefined for a year outside it. */
function offsetByOrderMs(time: number): number | undefined {
  const year = new Date(time).getUTCFullYear();
  if (year < RULE_YEARS.first || year > RULE_YEARS.last) return undefined;
  let summer = SUMMER_TIME_BY_YEAR.get(year);
  if (summer === undefined) {
    summer = [lastSundayAtOneUtc(year, 2), lastSundayAtOneUtc(year, 9)];
    SUMMER_TIME_BY_YEAR.set(year, summer);
  }
  return time >= summer[0] && time < summer[1] ? HOUR_MS : 0;
}

/** UK local date and time of an instant, from Intl's time zone data. */
function londonByIntl(at: Date, time: number): LondonDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter().formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? Number.NaN,
    month: parts['month'] ?? Number.NaN,
    day: parts['day'] ?? Number.NaN,
    hour: (parts['hour'] ?? Number.NaN) % 24, // some ICU builds print midnight as 24
    minute: parts['minute'] ?? Number.NaN,
    second: parts['second'] ?? Number.NaN,
    millisecond: ((time % 1000) + 1000) % 1000,
  };
}

/** UK local date and time of an instant (GMT in winter, BST in summer). */
export function toLondon(at: Date): LondonDateTime {
  const time = assertValid(at);
  const offset = offsetByOrderMs(time);
  if (offset === undefined) return londonByIntl(at, time);
  const wall = new Date(time + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
  };
}

export function dateKey(date: LocalDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** 0 = Sunday .. 6 = Saturday, for a calendar date (no time zone involved). */
export function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function nextDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** Milliseconds UK local time is ahead of UTC at an instant (0 or 3,600,000). */
export function londonOffsetMs(at: Date): number {
  const time = assertValid(at);
  const offset = offsetByOrderMs(time);
  if (offset !== undefined) return offset;
  const local = londonByIntl(at, time);
  const wall = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  return wall - time;
}

const DAY_MS = 86_400_000;

/**
 * The instant at which UK clocks show the given date and time. A time that occurs twice (the autumn
 * change) gives the earlier instant; a time that never occurs (the spring gap) gives the instant an
 * hour later on the clock. Working days are never those Sundays, so deadlines do not meet either case.
 */
export function fromLondon(date: LocalDate, time: LocalTime): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute, time.second, time.millisecond);
  // UK offsets change at most once a day, so the offsets a day either side are the only candidates.
  const offsets = [londonOffsetMs(new Date(wall - DAY_MS)), londonOffsetMs(new Date(wall + DAY_MS))];
  const exact = offsets
    .map((offset) => wall - offset)
    .filter((instant) => londonOffsetMs(new Date(instant)) === wall - instant);
  return new Date(exact.length > 0 ? Math.min(...exact) : wall - Math.min(...offsets));
}
