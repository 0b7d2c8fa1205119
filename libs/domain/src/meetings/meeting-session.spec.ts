import { checkSession, forcesNeeded, opensSession, sessionOpensAt, SessionState } from './meeting-session';
import { DEFAULT_MEETING_SETTINGS } from './meeting-settings';

const FORCES = ['HUM', 'NYP', 'SYP', 'WYP'];
const scheduledFor = '2026-12-02T10:00:00.000Z';
const session = (attendees: SessionState['attendees'], inSessionSince: string | null = '2026-12-02T09:05:00Z') => ({
  scheduledFor,
  inSessionSince,
  attendees,
  chairs: ['chair-1'],
});
const quorate = [
  { sub: 'chair-1', org: 'YHROCU' },
  { sub: 'm-wyp', org: 'WYP' },
  { sub: 'm-syp', org: 'SYP' },
];

describe('meeting session and quorum', () => {
  it('opens the session from an hour before the meeting', () => {
    expect(sessionOpensAt(scheduledFor, DEFAULT_MEETING_SETTINGS).toISOString()).toBe('2026-12-02T09:00:00.000Z');
    expect(opensSession(scheduledFor, new Date('2026-12-02T08:59:59Z'), DEFAULT_MEETING_SETTINGS)).toBe(false);
    expect(opensSession(scheduledFor, new Date('2026-12-02T09:00:00Z'), DEFAULT_MEETING_SETTINGS)).toBe(true);
  });

  it('needs half the forces, rounded up, and at least one', () => {
    expect(forcesNeeded(FORCES, DEFAULT_MEETING_SETTINGS)).toBe(2);
    expect(forcesNeeded(['A', 'B', 'C'], DEFAULT_MEETING_SETTINGS)).toBe(2);
    expect(forcesNeeded([], DEFAULT_MEETING_SETTINGS)).toBe(1);
    expect(forcesNeeded(FORCES, { ...DEFAULT_MEETING_SETTINGS, quorumForceFraction: 1 })).toBe(4);
  });

  it('allows a decision in session with the chair and half the forces', () => {
    expect(checkSession(session(quorate), FORCES, DEFAULT_MEETING_SETTINGS)).toEqual({ ok: true });
  });

  it('refuses before the session opens, saying from when', () => {
    expect(checkSession(session(quorate, null), FORCES, DEFAULT_MEETING_SETTINGS)).toEqual({
      ok: false,
      refusal: 'NOT_IN_SESSION',
      reason: expect.stringContaining('2026-12-02T09:00:00.000Z'),
    });
  });

  it('refuses without quorum, naming the missing chair and forces', () => {
    const check = checkSession(
      session([
        { sub: 'm-wyp', org: 'WYP' },
        { sub: 'nca-1', org: 'NCA' },
      ]),
      FORCES,
      DEFAULT_MEETING_SETTINGS,
    );
    expect(check).toMatchObject({ ok: false, refusal: 'NOT_QUORATE' });
    if (check.ok) return;
    expect(check.reason).toContain('no chair is recorded as attending (attendance taken by chair-1)');
    expect(check.reason).toContain('2 of the region');
    expect(check.reason).toContain('1 attend (WYP; absent: HUM, NYP, SYP)');
  });
});
