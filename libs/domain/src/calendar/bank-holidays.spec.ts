import fc from 'fast-check';
import {
  ENGLAND_WALES_BANK_HOLIDAY_CALENDAR,
  ENGLAND_WALES_BANK_HOLIDAY_CHANGES,
  easterSunday,
  englandWalesBankHolidays,
  isEnglandWalesBankHoliday,
} from './bank-holidays';

/** England and Wales, as published on GOV.UK (www.gov.uk/bank-holidays and its archived years). */
// prettier-ignore
const PUBLISHED: Record<number, string[]> = {
  // 2020: early May moved to Friday 8th (VE Day); Boxing Day a Saturday, substitute Monday 28th
  2018: ['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26'],
  2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  // 2021: Christmas and Boxing Day at the weekend, substitutes 27th and 28th
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  // 2022: New Year substitute 3 Jan; spring moved to Thursday 2 June, Platinum Jubilee 3 June; state funeral 19 Sep;
  // Christmas a Sunday, so Boxing Day is Monday 26th and the Christmas substitute Tuesday 27th
  2022: [
    '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19',
    '2022-12-26', '2022-12-27',
  ],
  // 2023: New Year substitute 2 Jan; coronation 8 May
  2023: [
    '2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25',
    '2023-12-26',
  ],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  2029: ['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26'],
  2030: ['2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26'],
};

const weekday = (key: string) => new Date(`${key}T00:00:00Z`).getUTCDay();
const key = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('englandWalesBankHolidays', () => {
  it.each(Object.keys(PUBLISHED).map(Number))('matches the published list for %i', (year) => {
    expect(englandWalesBankHolidays(year)).toEqual(PUBLISHED[year]);
  });

  it('keeps going after 2030: Easter 2031 and 2035, a Saturday New Year in 2033 and a weekend Christmas in 2032', () => {
    expect(englandWalesBankHolidays(2031)).toEqual(expect.arrayContaining(['2031-04-11', '2031-04-14']));
    expect(englandWalesBankHolidays(2035)).toEqual(expect.arrayContaining(['2035-03-23', '2035-03-26']));
    expect(englandWalesBankHolidays(2033)[0]).toBe('2033-01-03');
    expect(englandWalesBankHolidays(2032).slice(-2)).toEqual(['2032-12-27', '2032-12-28']);
  });

  it('applies every one-off change to its year', () => {
    for (const change of ENGLAND_WALES_BANK_HOLIDAY_CHANGES) {
      const year = englandWalesBankHolidays(Number(change.adds.slice(0, 4)));
      expect(year).toContain(change.adds);
      if (change.removes !== undefined) expect(year).not.toContain(change.removes);
    }
  });

  it('gives every year from 1978 to 2200 eight or more sorted, distinct weekday holidays in their own year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1978, max: 2200 }), (year) => {
        const days = englandWalesBankHolidays(year);
        expect(days.length).toBeGreaterThanOrEqual(8);
        expect([...days].sort()).toEqual(days);
        expect(new Set(days).size).toBe(days.length);
        for (const day of days) {
          expect(day.startsWith(`${year}-`)).toBe(true);
          expect([1, 2, 3, 4, 5]).toContain(weekday(day));
        }
      }),
    );
  });
});

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i -> %s (including the earliest and latest possible dates)', (year, expected) => {
    expect(key(easterSunday(year))).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9999 }), (year) => {
        const easter = easterSunday(year);
        expect(new Date(easter).getUTCDay()).toBe(0);
        expect(easter).toBeGreaterThanOrEqual(Date.UTC(year, 2, 22));
        expect(easter).toBeLessThanOrEqual(Date.UTC(year, 3, 25));
      }),
    );
  });
});

describe('isEnglandWalesBankHoliday', () => {
  it('answers by date key for any year, and through the default calendar', () => {
    expect(isEnglandWalesBankHoliday('2027-12-28')).toBe(true);
    expect(isEnglandWalesBankHoliday('2027-12-25')).toBe(false);
    expect(isEnglandWalesBankHoliday('2041-04-22')).toBe(true); // Easter Monday 2041
    expect(ENGLAND_WALES_BANK_HOLIDAY_CALENDAR.has('2022-09-19')).toBe(true);
    expect(ENGLAND_WALES_BANK_HOLIDAY_CALENDAR.has('2022-05-30')).toBe(false);
  });
});
