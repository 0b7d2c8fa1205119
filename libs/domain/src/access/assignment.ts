import type { Actor, Role } from '../roles';

/** The person an assignment names: who they are (sub and organisation together) and the role it needs. */
export interface Assignee {
  sub: string;
  org: string;
  role: Role;
}

/**
 * A person is their `sub` and their organisation, acting in the role the assignment requires: a token with
 * the assignee's sub but another organisation or role is someone else (issue #13).
 */
export function isAssignee(actor: Actor, assignee: Assignee): boolean {
  return actor.sub === assignee.sub && actor.org === assignee.org && actor.roles.includes(assignee.role);
}
