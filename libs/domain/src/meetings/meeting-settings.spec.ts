import { DEFAULT_MEETING_SETTINGS, parseMeetingSettings } from './meeting-settings';

describe('parseMeetingSettings', () => {
  it('keeps the defaults for keys left out', () => {
    expect(parseMeetingSettings('{}')).toEqual(DEFAULT_MEETING_SETTINGS);
    expect(parseMeetingSettings({ covertEveryDays: 7 })).toEqual({ ...DEFAULT_MEETING_SETTINGS, covertEveryDays: 7 });
  });

  it('defaults to the chair plus half the forces, in session an hour before, fortnightly covert meetings', () => {
    expect(DEFAULT_MEETING_SETTINGS).toEqual({
      quorumForceFraction: 0.5,
      sessionOpensMinutesBefore: 60,
      covertEveryDays: 14,
    });
  });

  it('names every bad value and unknown key at once', () => {
    expect(() =>
      parseMeetingSettings({ quorumForceFraction: 0, sessionOpensMinutesBefore: 1.5, covertEveryDays: '14', x: 1 }),
    ).toThrow(
      /settings\.x is not a recognised key.*quorumForceFraction must be.*sessionOpensMinutesBefore must be.*covertEveryDays must be/,
    );
    expect(() => parseMeetingSettings('not json')).toThrow(/not valid JSON/);
  });
});
