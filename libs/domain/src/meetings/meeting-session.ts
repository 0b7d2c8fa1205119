import { MeetingCheck } from './meeting-rules';
import { MeetingSettings } from './meeting-settings';

const MINUTE_MS = 60_000;

/** When recording attendance puts the meeting in session: the settings' minutes before its scheduled time. */
export function sessionOpensAt(scheduledFor: string, settings: MeetingSettings): Date {
  return new Date(Date.parse(scheduledFor) - settings.sessionOpensMinutesBefore * MINUTE_MS);
}

/** Whether attendance recorded at `at` puts the meeting in session. */
export function opensSession(scheduledFor: string, at: Date, settings: MeetingSettings): boolean {
  return at.getTime() >= sessionOpensAt(scheduledFor, settings).getTime();
}

/** How many of the region's forces must be represented (at least one). */
export function forcesNeeded(regionForces: readonly string[], settings: MeetingSettings): number {
  return Math.max(1, Math.ceil(settings.quorumForceFraction * regionForces.length));
}

export interface SessionState {
  scheduledFor: string;
  /** When the chair first recorded attendance within the session window; null until then. */
  inSessionSince: string | null;
  attendees: readonly { sub: string; org: string }[];
  /** The TTCG chairs who recorded the attendance; one of them must be among the attendees. */
  chairs: readonly string[];
}

/**
 * Decisions are taken only in session (attendance recorded from the window before the meeting) and when
 * quorate: a chair who recorded the attendance is among the attendees (any chair of the region may then
 * decide, so a deputy takes a recused chair's items), with representatives of enough of the region's forces.
 * A refusal names what is missing.
 */
export function checkSession(
  session: SessionState,
  regionForces: readonly string[],
  settings: MeetingSettings,
): MeetingCheck {
  if (session.inSessionSince === null) {
    return {
      ok: false,
      refusal: 'NOT_IN_SESSION',
      reason: `The meeting is not in session: the chair records attendance from ${sessionOpensAt(session.scheduledFor, settings).toISOString()} (${settings.sessionOpensMinutesBefore} minutes before it is held at ${session.scheduledFor}); decisions are taken only then.`,
    };
  }
  const missing: string[] = [];
  if (!session.attendees.some((attendee) => session.chairs.includes(attendee.sub))) {
    missing.push(`no chair is recorded as attending (attendance taken by ${session.chairs.join(', ')})`);
  }
  const present = new Set(session.attendees.map((attendee) => attendee.org));
  const represented = regionForces.filter((force) => present.has(force));
  const needed = forcesNeeded(regionForces, settings);
  if (represented.length < needed) {
    const absent = regionForces.filter((force) => !present.has(force));
    missing.push(
      `representatives of ${needed} of the region's ${regionForces.length} forces are needed, ${represented.length} attend (${represented.join(', ') || 'none'}; absent: ${absent.join(', ')})`,
    );
  }
  if (missing.length > 0) {
    return { ok: false, refusal: 'NOT_QUORATE', reason: `The meeting is not quorate: ${missing.join('; ')}.` };
  }
  return { ok: true };
}
