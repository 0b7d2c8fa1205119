const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const asDate = (value: unknown): Date | undefined => {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** Presentation-only filters every view may use. */
export const NUNJUCKS_FILTERS = {
  /** An ISO instant in UK local time: "1 December 2026 at 14:30". */
  dateTime: (value: unknown): string => NUNJUCKS_FILTERS.date(value, 'datetime'),
  /**
   * An ISO instant's UK calendar date, "1 December 2026", or with `'datetime'` its date and time (MoJ
   * Frontend's timeline calls `date(format)`).
   */
  date: (value: unknown, format?: string): string => {
    const date = asDate(value);
    if (!date) return '';
    return format === 'datetime' ? LONDON_DATE_TIME.format(date).replace(', ', ' at ') : LONDON_DATE.format(date);
  },
} satisfies Record<string, (...args: never[]) => unknown>;
