import { DEFAULT_DECISION_CLOCK, decisionDeadline, endOfLondonDay } from './decision-deadline';

describe('decisionDeadline (IMMEDIATE referrals: same day)', () => {
  it('is due at the end of the London day when that is more than four hours away', () => {
    const deadline = decisionDeadline(new Date('2026-01-14T09:00:00Z'), DEFAULT_DECISION_CLOCK);
    expect(deadline.dueAt.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(deadline.remindAt.toISOString()).toBe('2026-01-14T20:15:00.000Z');
    expect(deadline.stage).toBe('DECISION');
  });

  it('gives four hours when assessed late in the day', () => {
    expect(decisionDeadline(new Date('2026-01-14T22:30:00Z'), DEFAULT_DECISION_CLOCK).dueAt.toISOString()).toBe(
      '2026-01-15T02:30:00.000Z',
    );
  });

  it('ends the day at London midnight in summer time', () => {
    expect(endOfLondonDay(new Date('2026-07-01T22:30:00Z')).toISOString()).toBe('2026-07-01T23:00:00.000Z');
    expect(endOfLondonDay(new Date('2026-07-01T23:30:00Z')).toISOString()).toBe('2026-07-02T23:00:00.000Z');
  });

  it('can run on a fixed interval alone', () => {
    const deadline = decisionDeadline(new Date('2026-01-14T09:00:00Z'), {
      untilEndOfLondonDay: false,
      atLeastMs: 4000,
      reminderFraction: 0.5,
    });
    expect(deadline.dueAt.toISOString()).toBe('2026-01-14T09:00:04.000Z');
    expect(deadline.remindAt.toISOString()).toBe('2026-01-14T09:00:02.000Z');
  });
});
