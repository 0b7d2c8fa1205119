/**
 * England and Wales bank holidays, 2024-2030 inclusive, as published by GOV.UK (including Easter and
 * substitute days when a holiday falls at a weekend). Extend this list as new years are announced;
 * outside the covered years only weekends are excluded from working days.
 */
// prettier-ignore
export const ENGLAND_WALES_BANK_HOLIDAYS: readonly string[] = [
  // 2024
  '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26',
  // 2025
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  // 2026: Boxing Day is a Saturday, substitute Monday 28th
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  // 2027: Christmas Day and Boxing Day fall at the weekend, substitutes 27th and 28th
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  // 2028: New Year's Day is a Saturday, substitute Monday 3 January
  '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26',
  // 2029
  '2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26',
  // 2030
  '2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26',
];

export const BANK_HOLIDAY_COVERAGE = { firstYear: 2024, lastYear: 2030 } as const;

export const ENGLAND_WALES_BANK_HOLIDAY_SET: ReadonlySet<string> = new Set(ENGLAND_WALES_BANK_HOLIDAYS);

export function isEnglandWalesBankHoliday(dateKey: string): boolean {
  return ENGLAND_WALES_BANK_HOLIDAY_SET.has(dateKey);
}
