import { sessionTimeout } from './session-timeout';

describe('the session timeout warning', () => {
  it('counts to the earliest the session may end (a touch interval early) and warns two minutes before', () => {
    // 30 minutes; the expiry is written at most once a minute, so the session may end 29 minutes after a request.
    expect(sessionTimeout(1800)).toEqual({ warnAfterMs: 27 * 60_000, endsAfterMs: 29 * 60_000 });
  });

  it('warns two thirds of the way through a timeout too short for two minutes of warning', () => {
    expect(sessionTimeout(12)).toEqual({ warnAfterMs: 7733, endsAfterMs: 11_600 });
    expect(sessionTimeout(180)).toEqual({ warnAfterMs: 116_000, endsAfterMs: 174_000 });
  });
});
