import type { Actor, Role } from '../roles';

/** Roles that take part in their region's tasking meetings (ROCU staff, chairs and members). */
const MEETING_ROLES: readonly Role[] = [
  'GATEWAY_ASSESSOR',
  'GAIN_COORDINATOR',
  'TTCG_CHAIR',
  'TTCG_MEMBER',
  'ROCU_MANAGER',
  'SIO',
];

/** The region whose meetings the actor may see, or null: meetings are visible only within their region. */
export function meetingRegionOf(actor: Actor): string | null {
  return actor.region && actor.roles.some((role) => MEETING_ROLES.includes(role)) ? actor.region : null;
}
