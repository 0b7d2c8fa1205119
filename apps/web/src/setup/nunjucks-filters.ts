import nunjucks from 'nunjucks';
import { toLondon } from '@rocu/domain';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const twoDigits = (n: number): string => String(n).padStart(2, '0');

const asDate = (value: unknown): Date | undefined => {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

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
    // From the domain's UK time (arithmetic) rather than Intl.DateTimeFormat: a list page formats forty of these.
    const local = toLondon(date);
    const day = `${local.day} ${MONTHS[local.month - 1]} ${local.year}`;
    return format === 'datetime' ? `${day} at ${twoDigits(local.hour)}:${twoDigits(local.minute)}` : day;
  },
  /**
   * A `{ text, classes }` tag as GOV.UK Frontend's tag markup, the one way templates render a tag. The `govukTag`
   * macro renders the same HTML, but calling it for every row of a list cost a page more CPU than the API calls
   * behind it (bench web path).
   */
  tag: (value: { text: string; classes?: string } | undefined): nunjucks.runtime.SafeString | string => {
    if (!value) return '';
    const classes = value.classes ? ` ${escapeHtml(value.classes)}` : '';
    return new nunjucks.runtime.SafeString(`<strong class="govuk-tag${classes}">${escapeHtml(value.text)}</strong>`);
  },
} satisfies Record<string, (...args: never[]) => unknown>;
