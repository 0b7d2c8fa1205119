import { isoDate } from './date-input';

describe('isoDate', () => {
  it('makes the API date from the three boxes, padding the day and month', () => {
    expect(isoDate({ day: '2', month: '11', year: '2026' })).toBe('2026-11-02');
    expect(isoDate({ day: ' 09 ', month: '1', year: '2026' })).toBe('2026-01-09');
  });

  it('sends nothing when nothing was typed, and an incomplete date as typed for the API to refuse', () => {
    expect(isoDate({ day: '', month: '', year: '' })).toBeUndefined();
    expect(isoDate(undefined)).toBeUndefined();
    expect(isoDate({ day: '31', month: '', year: '2026' })).toBe('2026-00-31');
  });
});
