const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,6})?)?(Z|[+-](?:0\d|1[0-5]):[0-5]\d)$/;

/** The last instant of year 9999 (UTC): a later one's ISO form (`+010000-…`) is not one Postgres reads. */
export const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * An RFC 3339 date-time with a zone (`2026-11-20T06:00:00Z`, `…+01:00`), a real calendar date, years 1900–9999
 * as written and no later than the end of 9999 in UTC, an offset of at most 15:59 (Postgres refuses a larger one;
 * real zones stay within 14:00): what every timestamp the API accepts must be, so that Postgres can always store
 * it. (ISO 8601 alone also allows week dates, bare years and day 31 of February, which it cannot.)
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const inCalendar = year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
  return inCalendar && Date.parse(value) <= LAST_INSTANT_MS;
}
