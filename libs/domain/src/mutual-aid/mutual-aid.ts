import { DomainError } from '../errors/domain-error';
import type { Actor } from '../roles';

/** What one region asks another for: an SIO to lead the tasking, or one of its specialist capabilities. */
export const MUTUAL_AID_KINDS = ['SIO', 'CAPABILITY'] as const;
export type MutualAidKind = (typeof MUTUAL_AID_KINDS)[number];

/** A request waits for the lending ROCU's manager; the borrowing manager may withdraw it until then. */
export const MUTUAL_AID_STATES = ['REQUESTED', 'APPROVED', 'REFUSED', 'WITHDRAWN'] as const;
export type MutualAidState = (typeof MUTUAL_AID_STATES)[number];

export const MUTUAL_AID_DECISIONS = ['APPROVE', 'REFUSE'] as const;
export type MutualAidDecision = (typeof MUTUAL_AID_DECISIONS)[number];
export type MutualAidAction = MutualAidDecision | 'WITHDRAW';

/** Which manager acts: the lending region's decides, the borrowing region's withdraws. */
const ACTING_SIDE: Readonly<Record<MutualAidAction, MutualAidSide>> = {
  APPROVE: 'LENDER',
  REFUSE: 'LENDER',
  WITHDRAW: 'BORROWER',
};
const NEXT_STATE: Readonly<Record<MutualAidAction, MutualAidState>> = {
  APPROVE: 'APPROVED',
  REFUSE: 'REFUSED',
  WITHDRAW: 'WITHDRAWN',
};
const ACTIONS = Object.keys(ACTING_SIDE) as MutualAidAction[];

export type MutualAidSide = 'BORROWER' | 'LENDER';

export interface MutualAidRecord {
  state: MutualAidState;
  borrowingRegion: string;
  lendingRegion: string;
}

/** The side of the request a ROCU manager is on; null for anyone else (who may not see it at all). */
export function mutualAidSide(actor: Actor, request: Omit<MutualAidRecord, 'state'>): MutualAidSide | null {
  if (!actor.roles.includes('ROCU_MANAGER') || actor.region === null) return null;
  if (actor.region === request.borrowingRegion) return 'BORROWER';
  if (actor.region === request.lendingRegion) return 'LENDER';
  return null;
}

/** The one answer for a request that does not exist and for one the actor is on neither side of: they must not differ. */
export const mutualAidNotFound = (): DomainError =>
  new DomainError('NOT_FOUND', 'No such mutual-aid request is visible to you');

/** What the actor may do with the request now (shown with it, and judged by mutualAidTransition). */
export function mutualAidActions(actor: Actor, request: MutualAidRecord): MutualAidAction[] {
  const side = mutualAidSide(actor, request);
  return request.state === 'REQUESTED' ? ACTIONS.filter((action) => ACTING_SIDE[action] === side) : [];
}

/**
 * The request's lifecycle as data: only a REQUESTED request moves, once; the lending region's ROCU manager
 * approves or refuses, the borrowing region's withdraws. A request the actor is on neither side of is not
 * theirs to see (NOT_FOUND).
 */
export function mutualAidTransition(actor: Actor, request: MutualAidRecord, action: MutualAidAction): MutualAidState {
  const side = mutualAidSide(actor, request);
  if (side === null) throw mutualAidNotFound();
  if (side !== ACTING_SIDE[action]) {
    const who = ACTING_SIDE[action] === 'LENDER' ? 'lending' : 'borrowing';
    throw new DomainError(
      'ROLE_NOT_ALLOWED',
      `Only a ROCU manager of the ${who} region may ${action.toLowerCase()} this request.`,
    );
  }
  if (request.state !== 'REQUESTED') {
    throw new DomainError(
      'NOT_ALLOWED_IN_STATE',
      `The request is ${request.state}; it can no longer be ${NEXT_STATE[action].toLowerCase()}.`,
      {
        state: request.state,
        allowedActions: [],
      },
    );
  }
  return NEXT_STATE[action];
}

/** Whether the request is where this person's `action` left it: a keyed repeat is then answered, not refused. */
export function mutualAidActionDone(
  actor: Actor,
  request: MutualAidRecord & { decidedBySub: string | null },
  action: MutualAidAction,
): boolean {
  return (
    request.state === NEXT_STATE[action] &&
    request.decidedBySub === actor.sub &&
    mutualAidSide(actor, request) === ACTING_SIDE[action]
  );
}
