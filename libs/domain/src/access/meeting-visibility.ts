import type { Actor, Role } from '../roles';

/** Roles that take part in their region's tasking meetings (ROCU staff, chairs and members). */
const MEETING_ROLES: readonly Role[] = [
  'GATEWAY_ASSESSOR',
  'GAIN_COORDINATOR',
  'TTCG_CHAIR',
  'TTCG_MEMBER',
  'ROCU_MANAGER',
];
/** Roles that see a meeting by attending it: members from anywhere, and SIOs presenting their taskings. */
const ATTENDING_ROLES: readonly Role[] = ['TTCG_MEMBER', 'SIO'];

/** The region whose meetings the actor may see, or null: meetings are visible only within their region. */
export function meetingRegionOf(actor: Actor): string | null {
  return actor.region && actor.roles.some((role) => MEETING_ROLES.includes(role)) ? actor.region : null;
}

/** One way a user may see a meeting: their region's, or one they are recorded as attending. */
export type MeetingScope = { kind: 'REGION'; region: string } | { kind: 'ATTENDING'; sub: string; org: string };

/**
 * Meetings a user may see: region staff and members their region's; a TTCG member or an SIO also any
 * meeting they are recorded as attending, so an agency member (NCA, HMRC: no region of their own) sees the
 * TTCGs they sit on, and an SIO (who sees only their own taskings) the meetings they present at. The
 * attendee is the person recorded: their sub and organisation.
 */
export function meetingScopes(actor: Actor): MeetingScope[] {
  const scopes: MeetingScope[] = [];
  const region = meetingRegionOf(actor);
  if (region) scopes.push({ kind: 'REGION', region });
  if (actor.roles.some((role) => ATTENDING_ROLES.includes(role)))
    scopes.push({ kind: 'ATTENDING', sub: actor.sub, org: actor.org });
  return scopes;
}
