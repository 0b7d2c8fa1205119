import { deadlineTag, londonDay } from './deadline-tag';

describe('deadlineTag', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('tags a deadline that has passed as overdue, including one due this very moment', () => {
    expect(deadlineTag('2026-12-01T09:59:59Z', now)).toEqual({ text: 'Overdue', classes: 'govuk-tag--red' });
    expect(deadlineTag('2026-11-20T09:00:00Z', now)?.text).toBe('Overdue');
    expect(deadlineTag('2026-12-01T10:00:00Z', now)?.text).toBe('Overdue');
  });

  it('tags a deadline later on the same UK day as due today', () => {
    expect(deadlineTag('2026-12-01T23:59:00Z', now)).toEqual({ text: 'Due today', classes: 'govuk-tag--orange' });
  });

  it('reads "today" in UK local time: in summer 23:30 UTC is already tomorrow in London', () => {
    const summerEvening = new Date('2026-07-01T20:00:00Z');
    expect(deadlineTag('2026-07-01T22:30:00Z', summerEvening)?.text).toBe('Due today');
    expect(deadlineTag('2026-07-01T23:30:00Z', summerEvening)).toBeUndefined();
    expect(londonDay(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
  });

  it('leaves a later deadline, a missing one and an unreadable one untagged', () => {
    expect(deadlineTag('2026-12-02T09:00:00Z', now)).toBeUndefined();
    expect(deadlineTag(null, now)).toBeUndefined();
    expect(deadlineTag(undefined, now)).toBeUndefined();
    expect(deadlineTag('not a date', now)).toBeUndefined();
  });
});
