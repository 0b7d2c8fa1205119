import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { dateKey, dayOfWeek, fromLondon, londonOffsetMs, nextDate, toLondon } from './london-time';

const at = (iso: string) => new Date(iso);
const midday = { hour: 12, minute: 0, second: 0, millisecond: 0 };

describe('toLondon', () => {
  it('reads GMT in winter and BST in summer', () => {
    expect(toLondon(at('2026-01-15T12:34:56.789Z'))).toEqual({
      year: 2026,
      month: 1,
      day: 15,
      hour: 12,
      minute: 34,
      second: 56,
      millisecond: 789,
    });
    expect(toLondon(at('2026-07-15T23:30:00Z'))).toMatchObject({ month: 7, day: 16, hour: 0, minute: 30 });
  });

  it('rejects an invalid date', () => {
    expect(() => toLondon(new Date('nope'))).toThrow(DomainError);
  });
});

/** The oracle: the machine's time zone data through Intl, read independently of london-time.ts. */
const TZ_DATA = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function byTimeZoneData(instant: Date): { fields: Record<string, number>; offsetMs: number } {
  const fields = Object.fromEntries(
    TZ_DATA.formatToParts(instant)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value) % (part.type === 'hour' ? 24 : Infinity)]),
  );
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  return { fields, offsetMs: wall - Math.floor(instant.getTime() / 1000) * 1000 };
}

describe('londonOffsetMs', () => {
  it('switches at 01:00 UTC on the last Sundays of March and October', () => {
    expect(londonOffsetMs(at('2026-03-29T00:59:59Z'))).toBe(0);
    expect(londonOffsetMs(at('2026-03-29T01:00:00Z'))).toBe(3_600_000);
    expect(londonOffsetMs(at('2026-10-25T00:59:59Z'))).toBe(3_600_000);
    expect(londonOffsetMs(at('2026-10-25T01:00:00Z'))).toBe(0);
  });

  // Published dates of British Summer Time (gov.uk/when-do-the-clocks-change and its archive).
  it.each([
    ['2002-03-31', '2002-10-27'],
    ['2019-03-31', '2019-10-27'],
    ['2027-03-28', '2027-10-31'],
    ['2028-03-26', '2028-10-29'],
  ])('summer time from %s to %s', (start, end) => {
    expect(londonOffsetMs(at(`${start}T00:59:59.999Z`))).toBe(0);
    expect(londonOffsetMs(at(`${start}T01:00:00.000Z`))).toBe(3_600_000);
    expect(londonOffsetMs(at(`${end}T00:59:59.999Z`))).toBe(3_600_000);
    expect(londonOffsetMs(at(`${end}T01:00:00.000Z`))).toBe(0);
  });

  it('agrees with the time zone data around every change, to the millisecond, from 1990 to 2110', () => {
    const day = 86_400_000;
    const mismatches: string[] = [];
    let changes = 0;
    let offsetAtStart = byTimeZoneData(new Date(Date.UTC(1990, 0, 1))).offsetMs;
    for (let start = Date.UTC(1990, 0, 1); start < Date.UTC(2111, 0, 1); start += day) {
      const offsetAtEnd = byTimeZoneData(new Date(start + day)).offsetMs;
      if (offsetAtEnd !== offsetAtStart) {
        changes += 1;
        // Every half hour of the day of the change, and a millisecond either side of each.
        for (let t = start; t <= start + day; t += 1_800_000) {
          for (const instant of [t - 1, t, t + 1].map((ms) => new Date(ms))) {
            const expected = byTimeZoneData(instant).offsetMs;
            if (londonOffsetMs(instant) !== expected) mismatches.push(`${instant.toISOString()} should be ${expected}`);
          }
        }
      }
      offsetAtStart = offsetAtEnd;
    }
    expect(changes).toBeGreaterThanOrEqual(2 * 121); // two a year
    expect(mismatches).toEqual([]);
  });
});

describe('toLondon against the time zone data', () => {
  it('reads every instant as Intl does (1990-2110)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2110, 11, 31) }), (t) => {
        const instant = new Date(t);
        const { fields } = byTimeZoneData(instant);
        expect(toLondon(instant)).toEqual({ ...fields, millisecond: t % 1000 });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fromLondon', () => {
  it('converts wall-clock time in both seasons', () => {
    expect(fromLondon({ year: 2026, month: 1, day: 15 }, midday).toISOString()).toBe('2026-01-15T12:00:00.000Z');
    expect(fromLondon({ year: 2026, month: 7, day: 15 }, midday).toISOString()).toBe('2026-07-15T11:00:00.000Z');
  });

  it('takes the earlier instant for a repeated time and moves a skipped time an hour on', () => {
    const half = { hour: 1, minute: 30, second: 0, millisecond: 0 };
    expect(fromLondon({ year: 2026, month: 10, day: 25 }, half).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(fromLondon({ year: 2026, month: 3, day: 29 }, half).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('round-trips every instant (2024-2030)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }), (t) => {
        const instant = new Date(t);
        const local = toLondon(instant);
        const back = fromLondon(local, local);
        // Only the repeated autumn hour may map to the earlier of its two instants.
        expect([t, t - 3_600_000]).toContain(back.getTime());
      }),
    );
  });
});

describe('calendar-date helpers', () => {
  it('formats, steps and finds weekdays without time zones', () => {
    expect(dateKey({ year: 2026, month: 3, day: 9 })).toBe('2026-03-09');
    expect(nextDate({ year: 2026, month: 12, day: 31 })).toEqual({ year: 2027, month: 1, day: 1 });
    expect(nextDate({ year: 2028, month: 2, day: 28 })).toEqual({ year: 2028, month: 2, day: 29 });
    expect(dayOfWeek({ year: 2026, month: 12, day: 25 })).toBe(5);
  });
});
