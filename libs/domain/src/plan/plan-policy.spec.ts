import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { DEFAULT_REMINDER_FRACTION } from '../deadlines/deadline-policy';
import { DEFAULT_PLAN_POLICY, addMonths, parsePlanPolicy, reviewCycle, reviewPolicyOf } from './plan-policy';

const at = (iso: string) => new Date(iso);
const plus = (iso: string, months: number) => addMonths(at(iso), months).toISOString();

/** The message of the Error fn throws ('' when it does not throw). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  return '';
}

describe('addMonths', () => {
  it.each([
    ['2025-01-31T10:15:30.123Z', 1, '2025-02-28T10:15:30.123Z'],
    ['2024-01-31T10:15:30.123Z', 1, '2024-02-29T10:15:30.123Z'],
    ['2026-03-15T08:00:00.000Z', 1, '2026-04-15T08:00:00.000Z'],
    ['2026-03-31T23:59:59.999Z', 1, '2026-04-30T23:59:59.999Z'],
    ['2026-12-31T12:00:00.000Z', 1, '2027-01-31T12:00:00.000Z'],
    ['2026-11-30T12:00:00.000Z', 3, '2027-02-28T12:00:00.000Z'],
    ['2027-11-30T12:00:00.000Z', 3, '2028-02-29T12:00:00.000Z'],
    ['2026-10-31T00:00:00.000Z', 14, '2027-12-31T00:00:00.000Z'],
    ['2026-02-28T06:00:00.000Z', 1, '2026-03-28T06:00:00.000Z'],
  ])('%s + %i month(s) = %s', (from, months, expected) => {
    expect(plus(from, months)).toBe(expected);
  });

  it('does not change the date it is given', () => {
    const from = at('2026-01-31T10:00:00.000Z');
    addMonths(from, 1);
    expect(from.toISOString()).toBe('2026-01-31T10:00:00.000Z');
  });

  it('moves exactly n calendar months, never past the day, keeping the time of day', () => {
    const dateArb = fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2090-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), (from, months) => {
        const to = addMonths(from, months);
        const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
        expect(monthIndex(to) - monthIndex(from)).toBe(months);
        expect(to.getUTCDate()).toBeLessThanOrEqual(from.getUTCDate());
        const lastDay = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() + 1, 0)).getUTCDate();
        expect(to.getUTCDate()).toBe(Math.min(from.getUTCDate(), lastDay));
        expect(to.getTime() % 86_400_000).toBe(from.getTime() % 86_400_000);
      }),
    );
  });
});

describe('reviewCycle', () => {
  it('defaults to a monthly review, reminding at the default fraction', () => {
    expect(DEFAULT_PLAN_POLICY.review).toEqual({ every: { months: 1 }, reminderFraction: DEFAULT_REMINDER_FRACTION });
    expect(DEFAULT_PLAN_POLICY.allocation).toEqual({
      due: { workingDays: 5 },
      reminderFraction: DEFAULT_REMINDER_FRACTION,
    });
    // 1 April to 1 May 2026 is 30 days (no clock change in UTC); 75% is 22.5 days.
    expect(reviewCycle(at('2026-04-01T09:00:00.000Z'), DEFAULT_PLAN_POLICY.review)).toEqual({
      dueAt: '2026-05-01T09:00:00.000Z',
      remindAt: '2026-04-23T21:00:00.000Z',
    });
  });

  it('runs calendar months from the start, clamping to the month end', () => {
    expect(reviewCycle(at('2026-01-31T14:30:00.000Z'), { every: { months: 1 }, reminderFraction: 0.5 })).toEqual({
      dueAt: '2026-02-28T14:30:00.000Z',
      remindAt: '2026-02-14T14:30:00.000Z',
    });
    expect(reviewCycle(at('2026-01-15T00:00:00.000Z'), { every: { months: 3 }, reminderFraction: 1 })).toEqual({
      dueAt: '2026-04-15T00:00:00.000Z',
      remindAt: '2026-04-15T00:00:00.000Z',
    });
  });

  it('runs elapsed time, reminding at the fraction of it', () => {
    const start = at('2026-01-10T22:00:00.000Z');
    const cycle = reviewCycle(start, { every: { elapsedMs: 40_000 }, reminderFraction: 0.75 });
    expect(cycle).toEqual({ dueAt: '2026-01-10T22:00:40.000Z', remindAt: '2026-01-10T22:00:30.000Z' });
    expect(Date.parse(cycle.remindAt) - start.getTime()).toBe(30_000);
  });

  it('rounds the reminder to whole milliseconds', () => {
    const cycle = reviewCycle(at('2026-01-10T22:00:00.000Z'), { every: { elapsedMs: 10 }, reminderFraction: 0.25 });
    expect(cycle.remindAt).toBe('2026-01-10T22:00:00.003Z'); // 2.5 rounds up
  });

  it('counts UK working days, skipping the weekend, and reminds in working time', () => {
    // Friday noon + 5 working days = the next Friday noon; 75% of those 5 working days (90 h) from Friday noon is
    // Friday's 12 h, then Monday to Wednesday, then 6 h into Thursday.
    expect(reviewCycle(at('2026-01-09T12:00:00.000Z'), { every: { workingDays: 5 }, reminderFraction: 0.75 })).toEqual({
      dueAt: '2026-01-16T12:00:00.000Z',
      remindAt: '2026-01-15T06:00:00.000Z',
    });
  });

  it('never reminds of a working-day cycle at a weekend, where 75% of its calendar time falls', () => {
    // Wednesday noon + 10 working days = Wednesday noon two weeks on. 75% of the 14 calendar days is Sunday 00:00;
    // 75% of the 10 working days (180 h) runs out at the end of Friday, so the reminder is Monday 00:00.
    const every = { workingDays: 10 };
    const start = at('2026-01-07T12:00:00.000Z');
    expect(reviewCycle(start, { every, reminderFraction: 0.75 })).toEqual({
      dueAt: '2026-01-21T12:00:00.000Z',
      remindAt: '2026-01-19T00:00:00.000Z',
    });
    // Plans started before keep the calendar-time reminder (their workflows' timers replay).
    expect(reviewCycle(start, reviewPolicyOf({ every, reminderFraction: 0.75 }, false))).toEqual({
      dueAt: '2026-01-21T12:00:00.000Z',
      remindAt: '2026-01-18T00:00:00.000Z',
    });
  });

  it('keeps calendar time for cycles of months, and the policy as given under the working-time rule', () => {
    const policy = { every: { months: 1 }, reminderFraction: 0.5 };
    expect(reviewPolicyOf(policy, true)).toBe(policy);
    const cycle = reviewCycle(at('2026-01-07T12:00:00.000Z'), policy);
    expect(cycle).toEqual(reviewCycle(at('2026-01-07T12:00:00.000Z'), reviewPolicyOf(policy, false)));
    expect(cycle.remindAt).toBe('2026-01-23T00:00:00.000Z'); // half of 31 days: a Friday
  });

  it('throws a DomainError for an invalid start', () => {
    const invalid = () => reviewCycle(new Date('not a date'), DEFAULT_PLAN_POLICY.review);
    expect(invalid).toThrow(DomainError);
    expect(invalid).toThrow(expect.objectContaining({ code: 'INVALID_DEADLINE_INPUT' }));
  });
});

describe('parsePlanPolicy', () => {
  it('keeps the defaults for the parts left out', () => {
    expect(parsePlanPolicy({})).toEqual(DEFAULT_PLAN_POLICY);
    expect(parsePlanPolicy({ review: { every: { months: 2 } } })).toEqual({
      allocation: DEFAULT_PLAN_POLICY.allocation,
      review: { every: { months: 2 }, reminderFraction: DEFAULT_REMINDER_FRACTION },
    });
    expect(parsePlanPolicy({ allocation: { due: { workingDays: 3 }, reminderFraction: 0.5 } })).toEqual({
      allocation: { due: { workingDays: 3 }, reminderFraction: 0.5 },
      review: DEFAULT_PLAN_POLICY.review,
    });
  });

  it('accepts every kind of review interval', () => {
    expect(parsePlanPolicy({ review: { every: { workingDays: 10 }, reminderFraction: 1 } }).review).toEqual({
      every: { workingDays: 10 },
      reminderFraction: 1,
    });
    expect(parsePlanPolicy({ review: { every: { elapsedMs: 40_000 }, reminderFraction: 0.75 } }).review).toEqual({
      every: { elapsedMs: 40_000 },
      reminderFraction: 0.75,
    });
  });

  it('accepts JSON text', () => {
    expect(parsePlanPolicy('{"review":{"every":{"months":3},"reminderFraction":0.5}}')).toEqual({
      allocation: DEFAULT_PLAN_POLICY.allocation,
      review: { every: { months: 3 }, reminderFraction: 0.5 },
    });
    expect(parsePlanPolicy('{}')).toEqual(DEFAULT_PLAN_POLICY);
  });

  it('reports invalid JSON', () => {
    expect(messageOf(() => parsePlanPolicy('{review:'))).toMatch(/^Invalid plan policy: not valid JSON \(/);
  });

  it.each([null, [], 'null', '[1]', '42', 42])('refuses %p as not an object', (input) => {
    expect(messageOf(() => parsePlanPolicy(input))).toBe(
      'Invalid plan policy: expected an object with allocation and/or review',
    );
  });

  it('reports every problem together in one message', () => {
    const message = messageOf(() =>
      parsePlanPolicy({
        reviews: {},
        allocation: { due: { workingDays: 0 } },
        review: { every: { months: 1.5 }, reminderFraction: 2 },
      }),
    );
    expect(message).toMatch(/^Invalid plan policy: /);
    expect(message).toContain('policy.reviews is not a recognised key (expected allocation, review)');
    expect(message).toContain('policy.allocation.due.workingDays must be a positive whole number (got 0)');
    expect(message).toContain('policy.review.every.months must be a positive whole number (got 1.5)');
    expect(message).toContain('policy.review.reminderFraction must be a number greater than 0 and at most 1 (got 2)');
    expect(message.split('; ')).toHaveLength(4);
  });

  it.each([
    [{ review: { every: { months: 0 } } }, 'policy.review.every.months must be a positive whole number (got 0)'],
    [{ review: { every: { months: '1' } } }, 'policy.review.every.months must be a positive whole number (got "1")'],
    [{ review: { every: { months: 1, days: 2 } } }, 'policy.review.every.days is not a recognised key'],
    [{ review: { every: {} } }, 'policy.review.every must have exactly one of elapsedMs or workingDays'],
    [{ review: {} }, 'policy.review.every must be an object with elapsedMs or workingDays'],
    [{ review: { every: { months: 1 }, reminderFraction: 0 } }, 'policy.review.reminderFraction must be a number'],
    [{ review: { every: { months: 1 }, often: true } }, 'policy.review.often is not a recognised key'],
    [{ review: 'monthly' }, 'policy.review must be an object with every and optional reminderFraction'],
    [{ allocation: 5 }, 'policy.allocation must be an object with due and optional reminderFraction'],
    [{ allocation: { due: { workingDays: 5 }, reminderFraction: -1 } }, 'policy.allocation.reminderFraction'],
  ])('refuses %j', (input, expected) => {
    const message = messageOf(() => parsePlanPolicy(input));
    expect(message).toMatch(/^Invalid plan policy: /);
    expect(message).toContain(expected);
  });
});
