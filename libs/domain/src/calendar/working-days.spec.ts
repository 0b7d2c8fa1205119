import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { addWorkingDays, isWorkingDay, nextWorkingDate } from './working-days';
import { toLondon } from './london-time';

const add = (iso: string, days: number) => addWorkingDays(new Date(iso), days).toISOString();

describe('isWorkingDay', () => {
  it.each([
    ['2026-01-09T12:00:00Z', true], // Friday
    ['2026-01-10T12:00:00Z', false], // Saturday
    ['2026-01-11T12:00:00Z', false], // Sunday
    ['2026-04-03T12:00:00Z', false], // Good Friday
    ['2026-04-06T12:00:00Z', false], // Easter Monday
    ['2026-12-28T12:00:00Z', false], // Boxing Day substitute
    ['2026-12-29T12:00:00Z', true],
    ['2026-01-09T23:30:00Z', true], // Friday 23:30 GMT
    ['2026-06-05T23:30:00Z', false], // Friday 23:30 UTC is Saturday 00:30 BST
    ['2026-03-29T23:30:00Z', true], // Sunday 23:30 UTC is Monday 00:30 BST
  ])('%s -> %s', (iso, expected) => {
    expect(isWorkingDay(new Date(iso))).toBe(expected);
  });

  it('accepts a custom holiday list', () => {
    expect(isWorkingDay(new Date('2026-01-09T12:00:00Z'), new Set(['2026-01-09']))).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('adds within a week, keeping the time of day', () => {
    expect(add('2026-01-12T14:30:00.000Z', 1)).toBe('2026-01-13T14:30:00.000Z');
    expect(add('2026-01-12T14:30:00.000Z', 5)).toBe('2026-01-19T14:30:00.000Z');
  });

  it('skips a weekend', () => {
    expect(add('2026-01-09T14:30:00.000Z', 1)).toBe('2026-01-12T14:30:00.000Z');
    expect(add('2026-01-09T14:30:00.000Z', 2)).toBe('2026-01-13T14:30:00.000Z');
  });

  it('skips bank holidays (Easter 2026, in BST)', () => {
    // Thursday 2 April 10:00 BST + 1: Good Friday, weekend and Easter Monday are skipped.
    expect(add('2026-04-02T09:00:00.000Z', 1)).toBe('2026-04-07T09:00:00.000Z');
  });

  it('skips Christmas and New Year', () => {
    // Thursday 24 Dec 16:00: 25th (holiday), 26-27 (weekend), 28th (substitute) are skipped.
    expect(add('2026-12-24T16:00:00.000Z', 1)).toBe('2026-12-29T16:00:00.000Z');
    expect(add('2026-12-24T16:00:00.000Z', 2)).toBe('2026-12-30T16:00:00.000Z');
    expect(add('2026-12-31T16:00:00.000Z', 1)).toBe('2027-01-04T16:00:00.000Z');
    expect(add('2027-12-24T10:00:00.000Z', 1)).toBe('2027-12-29T10:00:00.000Z');
  });

  it('keeps UK wall-clock time across the BST changes', () => {
    // Friday 27 March 12:00 GMT + 1 -> Monday 30 March 12:00 BST (11:00 UTC).
    expect(add('2026-03-27T12:00:00.000Z', 1)).toBe('2026-03-30T11:00:00.000Z');
    // Friday 23 October 12:00 BST + 1 -> Monday 26 October 12:00 GMT.
    expect(add('2026-10-23T11:00:00.000Z', 1)).toBe('2026-10-26T12:00:00.000Z');
  });

  it('counts from 09:00 UK time on the next working day when started on a non-working day', () => {
    expect(add('2026-01-10T15:00:00.000Z', 0)).toBe('2026-01-12T09:00:00.000Z'); // Saturday
    expect(add('2026-01-10T15:00:00.000Z', 1)).toBe('2026-01-13T09:00:00.000Z');
    expect(add('2026-06-06T10:00:00.000Z', 1)).toBe('2026-06-09T08:00:00.000Z'); // Saturday in BST
    expect(add('2026-05-04T08:00:00.000Z', 5)).toBe('2026-05-12T08:00:00.000Z'); // Early May bank holiday
    expect(add('2026-03-28T12:00:00.000Z', 1)).toBe('2026-03-31T08:00:00.000Z'); // Saturday before BST starts
    expect(add('2026-12-25T09:00:00.000Z', 2)).toBe('2026-12-31T09:00:00.000Z'); // Christmas Day
  });

  it('returns the start itself for zero days on a working day, keeping milliseconds', () => {
    expect(add('2026-01-12T14:30:12.345Z', 0)).toBe('2026-01-12T14:30:12.345Z');
    expect(add('2026-01-12T14:30:12.345Z', 1)).toBe('2026-01-13T14:30:12.345Z');
  });

  it('rejects negative or fractional days', () => {
    expect(() => addWorkingDays(new Date('2026-01-12T00:00:00Z'), -1)).toThrow(DomainError);
    expect(() => addWorkingDays(new Date('2026-01-12T00:00:00Z'), 1.5)).toThrow(/whole number/);
  });

  it('steps working dates across year ends', () => {
    expect(nextWorkingDate({ year: 2027, month: 12, day: 31 })).toEqual({ year: 2028, month: 1, day: 4 });
  });
});

describe('addWorkingDays properties', () => {
  const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 10, 30) }).map((t) => new Date(t));
  const days = fc.integer({ min: 0, max: 15 });

  it('lands on a working day, never before the start, later for more days', () => {
    fc.assert(
      fc.property(instant, days, (start, n) => {
        const due = addWorkingDays(start, n);
        expect(isWorkingDay(due)).toBe(true);
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(addWorkingDays(start, n + 1).getTime()).toBeGreaterThan(due.getTime());
      }),
    );
  });

  it('keeps the UK time of day for starts on working days, and composes additively', () => {
    fc.assert(
      fc.property(instant, days, days, (start, a, b) => {
        fc.pre(isWorkingDay(start));
        const due = addWorkingDays(start, a + b);
        const local = toLondon(start);
        const dueLocal = toLondon(due);
        expect([dueLocal.hour, dueLocal.minute, dueLocal.second]).toEqual([local.hour, local.minute, local.second]);
        expect(addWorkingDays(addWorkingDays(start, a), b).getTime()).toBe(due.getTime());
      }),
    );
  });
});
