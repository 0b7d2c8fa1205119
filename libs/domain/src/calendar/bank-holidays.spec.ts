import { BANK_HOLIDAY_COVERAGE, ENGLAND_WALES_BANK_HOLIDAYS, isEnglandWalesBankHoliday } from './bank-holidays';

/** Independent re-derivation of the statutory rules (Anonymous Gregorian computus for Easter). */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

const DAY = 86_400_000;
const key = (t: number) => new Date(t).toISOString().slice(0, 10);
const weekday = (t: number) => new Date(t).getUTCDay();
const firstMonday = (year: number, month: number) => {
  let t = Date.UTC(year, month - 1, 1);
  while (weekday(t) !== 1) t += DAY;
  return t;
};
const lastMonday = (year: number, month: number) => {
  let t = Date.UTC(year, month, 0);
  while (weekday(t) !== 1) t -= DAY;
  return t;
};

function derive(year: number): string[] {
  let newYear = Date.UTC(year, 0, 1);
  while (weekday(newYear) === 0 || weekday(newYear) === 6) newYear += DAY;
  const easter = easterSunday(year);
  // Christmas and Boxing Day: a holiday at the weekend moves to the next free weekday.
  const christmas: number[] = [];
  for (const day of [25, 26]) {
    let t = Date.UTC(year, 11, day);
    while (weekday(t) === 0 || weekday(t) === 6 || christmas.includes(t)) t += DAY;
    christmas.push(t);
  }
  return [
    newYear,
    easter - 2 * DAY,
    easter + DAY,
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    ...christmas,
  ]
    .sort((x, y) => x - y)
    .map(key);
}

describe('ENGLAND_WALES_BANK_HOLIDAYS', () => {
  it('lists the 2026 dates', () => {
    expect(ENGLAND_WALES_BANK_HOLIDAYS.filter((d) => d.startsWith('2026'))).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
  });

  it.each([2024, 2025, 2026, 2027, 2028, 2029, 2030])('matches the statutory rules for %i', (year) => {
    expect(ENGLAND_WALES_BANK_HOLIDAYS.filter((d) => d.startsWith(`${year}-`))).toEqual(derive(year));
  });

  it('covers exactly the advertised years with eight weekday holidays each, sorted and unique', () => {
    const years = new Set(ENGLAND_WALES_BANK_HOLIDAYS.map((d) => Number(d.slice(0, 4))));
    expect([...years]).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    expect(BANK_HOLIDAY_COVERAGE).toEqual({ firstYear: 2024, lastYear: 2030 });
    expect(ENGLAND_WALES_BANK_HOLIDAYS).toHaveLength(56);
    expect([...ENGLAND_WALES_BANK_HOLIDAYS].sort()).toEqual(ENGLAND_WALES_BANK_HOLIDAYS);
    expect(new Set(ENGLAND_WALES_BANK_HOLIDAYS).size).toBe(56);
    for (const d of ENGLAND_WALES_BANK_HOLIDAYS) {
      expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect([1, 2, 3, 4, 5]).toContain(weekday(Date.parse(`${d}T00:00:00Z`)));
    }
  });

  it('answers membership by date key', () => {
    expect(isEnglandWalesBankHoliday('2027-12-28')).toBe(true);
    expect(isEnglandWalesBankHoliday('2027-12-25')).toBe(false);
  });
});
