import type { PlanRole } from './plan-types';

/** A change of the SIO or LRO who owns a tasking and its 4P plan. */
export interface OwnerChange {
  role: PlanRole;
  /** Who owns it now; undefined before anyone has been named (nothing to replace). */
  current: { sub: string } | undefined;
  next: { sub: string; name: string };
  reason: string | null | undefined;
}

/**
 * Why replacing the tasking's SIO or LRO is refused, or null when it may go ahead (domain.md section 7):
 * there must be an owner to replace, the newcomer must be someone else, and a reason is recorded.
 */
export function ownerChangeRefusal(change: OwnerChange): string | null {
  const title = change.role;
  if (change.current === undefined) return `The tasking has no ${title} yet: name one first.`;
  if (change.current.sub === change.next.sub) return `${change.next.name} is already the ${title} of this tasking.`;
  if (typeof change.reason !== 'string' || change.reason.trim() === '') {
    return `Give a reason for replacing the ${title}; it is kept in the plan's history.`;
  }
  return null;
}
