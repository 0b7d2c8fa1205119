import type { Actor } from '../roles';
import { isAssignee } from '../access/assignment';
import { DomainError } from '../errors/domain-error';
import { isInstant } from '../calendar/instant';
import {
  ActionStatus,
  FINISHED_ACTION_STATUSES,
  MissedReview,
  Participant,
  PlanAction,
  PlanReview,
  PlanRole,
  PILLARS,
  Pillar,
  Significance,
  SIGNIFICANCES,
  ACTION_STATUSES,
} from './plan-types';

/** The plan role this actor holds on this plan: the named SIO or LRO (sub and organisation) acting in that role, else null. */
export function planRoleOf(actor: Actor, owners: { sio: Participant; lro: Participant }): PlanRole | null {
  if (isAssignee(actor, { ...owners.sio, role: 'SIO' })) return 'SIO';
  if (isAssignee(actor, { ...owners.lro, role: 'LRO' })) return 'LRO';
  return null;
}

/** Only the plan's own SIO and LRO change it; a closed plan is read-only. */
export function checkPlanEditor(
  actor: Actor,
  owners: { sio: Participant; lro: Participant },
  closed: boolean,
): PlanRole {
  const role = planRoleOf(actor, owners);
  if (role === null) {
    throw new DomainError('ROLE_NOT_ALLOWED', "Only the plan's SIO or LRO may change the 4P plan.");
  }
  if (closed) {
    throw new DomainError('NOT_ALLOWED_IN_STATE', 'The referral is closed; its 4P plan is read-only.', {
      state: 'CLOSED',
      allowedActions: [],
    });
  }
  return role;
}

/** The edge validates dates; the workflow checks again, since a date Postgres cannot store would stall its projection. */
export function requireInstants(fields: Record<string, unknown>): void {
  const bad = Object.entries(fields).filter(([, value]) => !isInstant(value));
  if (bad.length > 0) {
    throw new DomainError('VALIDATION', `Not a date-time with a time zone: ${bad.map(([field]) => field).join(', ')}`, {
      errors: bad.map(([field]) => ({
        field,
        code: 'isInstant',
        message: `${field} must be a date-time with a time zone`,
      })),
    });
  }
}

/**
 * A plan carries its whole state from one workflow run to the next, and Temporal refuses payloads over
 * 2 MB; past this size a plan takes no more text (close it, or start a fresh tasking for new work).
 */
export const PLAN_STATE_LIMIT_BYTES = 1_000_000;

/** The UTF-8 size of a text (what a payload weighs), counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      bytes += 4; // a surrogate pair: one code point of four bytes
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

export function checkPlanRoom(stateBytes: number, addedBytes: number, limit = PLAN_STATE_LIMIT_BYTES): void {
  if (stateBytes + addedBytes > limit) {
    throw new DomainError(
      'BUSINESS_RULE',
      `This 4P plan is full (${Math.round(stateBytes / 1000)} kB of ${Math.round(limit / 1000)} kB): shorten the text, or close the tasking and refer new work afresh.`,
    );
  }
}

export interface ActionChange {
  status: ActionStatus;
  outcome?: string;
  /** The version the caller last saw. */
  version: number;
}

/**
 * Applies a status change to an action. A stale version is a conflict (nothing changes); a finished
 * action cannot change; finishing one needs an outcome.
 */
export function changeAction(action: PlanAction, change: ActionChange, at: string): PlanAction {
  if (change.version !== action.version) {
    throw new DomainError(
      'VERSION_CONFLICT',
      `The action has changed since version ${change.version}; it is now at version ${action.version}. Reload it and try again.`,
      { currentVersion: action.version },
    );
  }
  if (FINISHED_ACTION_STATUSES.includes(action.status)) {
    throw new DomainError('NOT_ALLOWED_IN_STATE', `The action is ${action.status} and cannot change.`, {
      state: action.status,
      allowedActions: [],
    });
  }
  const outcome = change.outcome ?? action.outcome;
  if (FINISHED_ACTION_STATUSES.includes(change.status) && !outcome?.trim()) {
    throw new DomainError('VALIDATION', `An action marked ${change.status} needs an outcome.`, {
      errors: [{ field: 'outcome', code: 'required', message: `outcome is required when status is ${change.status}` }],
    });
  }
  return { ...action, status: change.status, outcome, version: action.version + 1, updatedAt: at };
}

/**
 * Whether the running review cycle was begun by a completed review (no review has been missed since, nor the plan
 * started since, as a plan reopened after a stand-down is): that cycle has had its review, and the next opens from
 * the cycle's reminder (one review per cycle; issue #13).
 */
export function reviewHeldThisCycle(
  reviews: readonly PlanReview[],
  missedReviews: readonly MissedReview[],
  startedAt?: string,
): boolean {
  const completed = reviews.flatMap((review) => (review.completedAt === undefined ? [] : [review.completedAt]));
  if (completed.length === 0) return false;
  const lastCompleted = completed.reduce((latest, at) => (at > latest ? at : latest));
  if (startedAt !== undefined && Date.parse(startedAt) > Date.parse(lastCompleted)) return false;
  return !missedReviews.some((missed) => missed.recordedAt > lastCompleted);
}

/**
 * Whether the plan shows its review as missed: the latest miss came after its (re)start, since a plan reopened after
 * a stand-down runs a cycle with nothing missed yet, and no review has been completed since that miss.
 */
export function reviewOverdue(completed: readonly Date[], missedDue: readonly Date[], startedAt: Date): boolean {
  const lastMissed = Math.max(...missedDue.map((due) => due.getTime()));
  if (missedDue.length === 0 || lastMissed < startedAt.getTime()) return false;
  return !completed.some((at) => at.getTime() >= lastMissed);
}

/** What else decides a signature: when the next review may open, and who the plan's owners now are. */
export interface SigningRules {
  /** Given when this cycle has had its review (see reviewHeldThisCycle): no new review opens before it. */
  nextOpensAt?: string;
  /**
   * The plan's SIO and LRO now. Given, only their signatures count: one left on the open review by an owner since
   * replaced neither completes it nor stops the newcomer signing. (Not given: any signature of a role counts, as
   * before histories that never asked, see the plan workflow.)
   */
  owners?: { sio: Participant; lro: Participant };
  /**
   * The plan's (re)start. Given, a signature made before it does not count: a review left half-signed when an
   * overturn stood the tasking down is not completed by one signature after the plan reopens.
   */
  since?: string;
}

/**
 * Adds the signer's signature to the open review, completing it when both roles have signed, or opens a
 * new review signed by them. Signing the same open review twice is refused, and so is opening a review
 * before `rules.nextOpensAt`.
 */
export function signReview(
  reviews: readonly PlanReview[],
  signer: { role: PlanRole; sub: string; name: string },
  summary: string,
  at: string,
  newId: () => string,
  { nextOpensAt, owners, since }: SigningRules = {},
): PlanReview {
  const signature = { ...signer, summary, signedAt: at };
  const open = reviews.find((review) => review.completedAt === undefined);
  if (open === undefined) {
    if (nextOpensAt !== undefined && at < nextOpensAt) {
      throw new DomainError(
        'NOT_ALLOWED_IN_STATE',
        `This cycle's joint review is complete; the next one opens from ${nextOpensAt}.`,
        { state: 'REVIEWED', allowedActions: [] },
      );
    }
    return { id: newId(), openedAt: at, signatures: [signature] };
  }
  const counted = (role: PlanRole) =>
    open.signatures.some(
      (existing) =>
        existing.role === role &&
        (owners === undefined || existing.sub === ownerOf(owners, role).sub) &&
        (since === undefined || existing.signedAt >= since),
    );
  const other: PlanRole = signer.role === 'SIO' ? 'LRO' : 'SIO';
  // Both current owners signed it while one of them was replaced for a time (and then given it back): this
  // signature completes it, or it would stay open for good.
  if (counted(signer.role) && !counted(other)) {
    throw new DomainError(
      'NOT_ALLOWED_IN_STATE',
      `You have already signed the open review; it is waiting for the ${other}.`,
      { state: 'AWAITING_SIGNATURE', allowedActions: [] },
    );
  }
  const signatures = [...open.signatures, signature];
  return counted(other) ? { ...open, signatures, completedAt: at } : { ...open, signatures };
}

/**
 * Whether the open review has seen an owner change: it holds a signature of someone no longer the plan's SIO or
 * LRO, or signatures of both roles (which only the rule for current owners leaves open).
 */
export function reviewSpansOwnerChange(
  reviews: readonly PlanReview[],
  owners: { sio: Participant; lro: Participant },
): boolean {
  const open = reviews.find((review) => review.completedAt === undefined);
  if (open === undefined) return false;
  const roles = new Set(open.signatures.map((signature) => signature.role));
  return roles.size > 1 || open.signatures.some((signature) => signature.sub !== ownerOf(owners, signature.role).sub);
}

/** Whether the open review holds a signature made before the plan's (re)start (see SigningRules.since). */
export function reviewSignedBefore(reviews: readonly PlanReview[], since: string): boolean {
  const open = reviews.find((review) => review.completedAt === undefined);
  return open !== undefined && open.signatures.some((signature) => signature.signedAt < since);
}

const ownerOf = (owners: { sio: Participant; lro: Participant }, role: PlanRole): Participant =>
  role === 'SIO' ? owners.sio : owners.lro;

export interface PillarBalance {
  actions: Record<ActionStatus, number> & { total: number };
  disruptions: Record<Significance, number> & { total: number };
}
export type PlanBalance = Record<Pillar, PillarBalance>;

/**
 * Shapes counts into the 4P balance, with every pillar, status and significance present (zero when
 * absent), so Prevent, Protect and Prepare show beside Pursue even when empty.
 */
export function planBalance(
  counts: readonly { pillar: Pillar; kind: 'ACTION' | 'DISRUPTION'; key: string; count: number }[],
): PlanBalance {
  const zeros = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries([...keys, 'total'].map((key) => [key, 0])) as Record<K | 'total', number>;
  const balance = Object.fromEntries(
    PILLARS.map((pillar) => [pillar, { actions: zeros(ACTION_STATUSES), disruptions: zeros(SIGNIFICANCES) }]),
  ) as PlanBalance;
  for (const { pillar, kind, key, count } of counts) {
    const bucket: Record<string, number> = kind === 'ACTION' ? balance[pillar].actions : balance[pillar].disruptions;
    bucket[key] = (bucket[key] ?? 0) + count;
    bucket['total'] += count;
  }
  return balance;
}
