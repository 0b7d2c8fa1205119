import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { isWorkingDay } from './working-days';
import { addWorkingTime, workingTimeBetween } from './working-time';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const between = (from: string, to: string) => workingTimeBetween(at(from), at(to));
const add = (from: string, ms: number) => addWorkingTime(at(from), ms).toISOString();

describe('workingTimeBetween', () => {
  it('counts only working days, in UK local time', () => {
    expect(between('2026-01-12T10:00:00Z', '2026-01-12T15:00:00Z')).toBe(5 * HOUR);
    expect(between('2026-01-09T22:00:00Z', '2026-01-12T02:00:00Z')).toBe(4 * HOUR); // Friday night to Monday
    expect(between('2026-04-02T22:00:00Z', '2026-04-07T01:00:00Z')).toBe(3 * HOUR); // Easter, BST: 23:00-24:00 and 00:00-02:00
    expect(between('2026-01-10T00:00:00Z', '2026-01-12T00:00:00Z')).toBe(0);
  });

  it('is zero when the end is not after the start', () => {
    expect(between('2026-01-12T15:00:00Z', '2026-01-12T10:00:00Z')).toBe(0);
  });
});

describe('addWorkingTime', () => {
  it('adds within a day and across a weekend', () => {
    expect(add('2026-01-12T10:00:00.000Z', 5 * HOUR)).toBe('2026-01-12T15:00:00.000Z');
    expect(add('2026-01-09T10:00:00.000Z', 24 * HOUR)).toBe('2026-01-12T10:00:00.000Z');
  });

  it('skips bank holidays and keeps UK local time across BST', () => {
    // Thursday 2 April 2026 10:00 BST + 24 working hours: Tuesday 7 April 10:00 BST.
    expect(add('2026-04-02T09:00:00.000Z', 24 * HOUR)).toBe('2026-04-07T09:00:00.000Z');
  });

  it('lands at 00:00 on the next working day when the time runs out at the end of one', () => {
    expect(add('2026-01-09T12:00:00.000Z', 12 * HOUR)).toBe('2026-01-12T00:00:00.000Z');
    expect(add('2026-01-10T12:00:00.000Z', 0)).toBe('2026-01-12T00:00:00.000Z'); // from a Saturday
    expect(add('2026-01-12T12:34:56.789Z', 0)).toBe('2026-01-12T12:34:56.789Z');
  });

  it('rejects negative or non-finite working time', () => {
    expect(() => addWorkingTime(at('2026-01-12T10:00:00Z'), -1)).toThrow(DomainError);
    expect(() => addWorkingTime(at('2026-01-12T10:00:00Z'), Number.NaN)).toThrow(/zero or more/);
  });

  it('lands on a working day, with exactly the working time added (2024-2040)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2040, 11, 31) }),
        fc.integer({ min: 0, max: 15 * 24 * HOUR }),
        (t, ms) => {
          const end = addWorkingTime(new Date(t), ms);
          expect(isWorkingDay(end)).toBe(true);
          expect(end.getTime()).toBeGreaterThanOrEqual(t + ms);
          expect(workingTimeBetween(new Date(t), end)).toBe(ms);
        },
      ),
    );
  });
});
