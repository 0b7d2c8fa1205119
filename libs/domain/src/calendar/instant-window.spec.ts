import { isWithinWindow } from './instant-window';

const now = new Date('2026-12-01T12:00:00Z');

describe('isWithinWindow', () => {
  it('keeps a past event in the past ten years', () => {
    expect(isWithinWindow('2026-11-20T06:00:00Z', 'PAST_EVENT', now)).toBe(true);
    expect(isWithinWindow('2026-12-01T12:04:00Z', 'PAST_EVENT', now)).toBe(true); // clock skew
    expect(isWithinWindow('9999-01-01T00:00:00Z', 'PAST_EVENT', now)).toBe(false);
    expect(isWithinWindow('2026-12-02T00:00:00Z', 'PAST_EVENT', now)).toBe(false);
    expect(isWithinWindow('1970-01-01T00:00:00Z', 'PAST_EVENT', now)).toBe(false);
  });

  it('keeps due dates and meetings within their years', () => {
    expect(isWithinWindow('2027-01-31T17:00:00Z', 'DUE_DATE', now)).toBe(true);
    expect(isWithinWindow('1970-01-01T00:00:00Z', 'DUE_DATE', now)).toBe(false);
    expect(isWithinWindow('9999-12-31T00:00:00Z', 'DUE_DATE', now)).toBe(false);
    expect(isWithinWindow('2026-12-02T10:00:00Z', 'MEETING', now)).toBe(true);
    expect(isWithinWindow('2030-01-01T10:00:00Z', 'MEETING', now)).toBe(false);
    expect(isWithinWindow('2026-11-01T10:00:00Z', 'MEETING', now)).toBe(false);
  });
});
