import { record, text } from './form-values';

/** A GOV.UK date input's three boxes, as typed (kept to show again when the form is refused). */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const dateParts = (value: unknown): DateParts => {
  const parts = record(value);
  return { day: text(parts.day).trim(), month: text(parts.month).trim(), year: text(parts.year).trim() };
};

/**
 * The API's calendar date (YYYY-MM-DD) from a date input (`field[day]`, `field[month]`, `field[year]`):
 * undefined when nothing was typed, so the API names the field as required; otherwise the parts as typed,
 * padded, so the API judges the date (a part left out or not a number is refused there, not here).
 */
export function isoDate(value: unknown): string | undefined {
  const { day, month, year } = dateParts(value);
  if (day === '' && month === '' && year === '') return undefined;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The id of a date input's first box, where an error about the whole date links (GOV.UK pattern). */
export const dateInputAnchor = (field: string): string => `${field}-day`;
