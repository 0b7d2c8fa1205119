import { deadlineTag } from './deadline-tag';

describe('deadlineTag', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('marks a passed deadline overdue', () => {
    expect(deadlineTag('2026-12-01T09:59:00Z', now)?.text).toBe('Overdue');
  });

  it('marks a deadline later on the same UK day as due today', () => {
    expect(deadlineTag('2026-12-01T23:30:00Z', now)?.text).toBe('Due today');
  });

  it('leaves later deadlines and none untagged', () => {
    expect(deadlineTag('2026-12-02T00:30:00Z', now)).toBeUndefined();
    expect(deadlineTag(null, now)).toBeUndefined();
  });
});
