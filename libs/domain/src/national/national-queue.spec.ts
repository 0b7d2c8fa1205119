import { isWorkingDay } from '../calendar/working-days';
import { nationalResponseDueAt } from './national-queue';

describe('nationalResponseDueAt', () => {
  it('falls ten working days on, skipping weekends and bank holidays', () => {
    // Friday 18 December 2026: Christmas Day and Boxing Day (moved to Monday 28th) and New Year's Day are not working days.
    const due = nationalResponseDueAt(new Date('2026-12-18T10:00:00Z'));
    expect(due.toISOString().slice(0, 10)).toBe('2027-01-06');
    expect(isWorkingDay(due)).toBe(true);
  });
});
