import { isWorkingDay } from '../calendar/working-days';
import { deadlineTimes } from '../deadlines/compute-deadline';
import { NATIONAL_RESPONSE_POLICY, nationalResponseDueAt, parseNationalResponsePolicy } from './national-queue';

describe('nationalResponseDueAt', () => {
  it('falls ten working days on, skipping weekends and bank holidays', () => {
    // Friday 18 December 2026: Christmas Day and Boxing Day (moved to Monday 28th) and New Year's Day are not working days.
    const due = nationalResponseDueAt(new Date('2026-12-18T10:00:00Z'));
    expect(due.toISOString().slice(0, 10)).toBe('2027-01-06');
    expect(isWorkingDay(due)).toBe(true);
  });
});

describe('the NCA deadline policy', () => {
  it('by default falls when nationalResponseDueAt says, with a reminder before it on a working day', () => {
    const referredAt = new Date('2026-12-18T10:00:00Z');
    const { dueAt, remindAt } = deadlineTimes(referredAt, NATIONAL_RESPONSE_POLICY);
    expect(dueAt).toEqual(nationalResponseDueAt(referredAt));
    expect(remindAt.getTime()).toBeLessThan(dueAt.getTime());
    expect(isWorkingDay(remindAt)).toBe(true);
  });

  it('parses an override, and refuses a bad one naming the problem', () => {
    expect(parseNationalResponsePolicy('{"due":{"elapsedMs":6000},"reminderFraction":0.5}')).toEqual({
      due: { elapsedMs: 6000 },
      reminderFraction: 0.5,
    });
    expect(() => parseNationalResponsePolicy({ due: { workingDays: 0 } })).toThrow('policy.due.workingDays');
    expect(() => parseNationalResponsePolicy('[')).toThrow('national response policy');
  });
});
