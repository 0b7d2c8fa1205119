import { Actor } from '../roles';
import { DomainError, type ErrorCode } from '../errors/domain-error';
import { ReferralStatus } from './referral-status';
import {
  EventOf,
  Permission,
  REFERRAL_ACTIONS,
  REFERRAL_TRANSITIONS,
  ReferralAction,
  ReferralEvent,
  ReferralRecord,
  TransitionRule,
  TransitionTable,
} from './referral-transitions';

export type TransitionRefusal = Extract<ErrorCode, 'ROLE_NOT_ALLOWED' | 'NOT_ALLOWED_IN_STATE'>;

export type TransitionResult =
  | { ok: true; from: ReferralStatus; to: ReferralStatus }
  | {
      ok: false;
      refusal: TransitionRefusal;
      reason: string;
      status: ReferralStatus;
      allowedActions: ReferralAction[];
    };

function permits(permission: Permission, record: ReferralRecord, actor: Actor): boolean {
  if (!actor.roles.includes(permission.role)) return false;
  switch (permission.scope) {
    case 'REGION':
      return actor.region !== null && actor.region === record.region;
    case 'OWNER_ORG':
      return actor.org === record.ownerOrg;
    case 'NATIONAL':
      // The roles with this scope belong to the NCA only (effectiveRoles), which acts for every region.
      return true;
  }
}

function actorFits<A extends ReferralAction>(rule: TransitionRule<A>, record: ReferralRecord, actor: Actor): boolean {
  return rule.who.some((permission) => permits(permission, record, actor));
}

function appliesTo<A extends ReferralAction>(rule: TransitionRule<A>, record: ReferralRecord): boolean {
  return rule.from.includes(record.status) && (rule.when?.(record) ?? true);
}

function rulesFor<A extends ReferralAction>(action: A, table: TransitionTable): readonly TransitionRule<A>[] {
  return table[action];
}

function isReferralAction(value: unknown): value is ReferralAction {
  return typeof value === 'string' && (REFERRAL_ACTIONS as readonly string[]).includes(value);
}

/** Actions this actor may take on this record now, in table order. Drives the API's "available actions". */
export function availableActions(
  record: ReferralRecord,
  actor: Actor,
  table: TransitionTable = REFERRAL_TRANSITIONS,
): ReferralAction[] {
  return REFERRAL_ACTIONS.filter((action) =>
    rulesFor(action, table).some((rule) => actorFits(rule, record, actor) && appliesTo(rule, record)),
  );
}

function humanise(action: ReferralAction): string {
  return action.toLowerCase().replace(/_/g, ' ');
}

function evaluate<A extends ReferralAction>(
  action: A,
  event: EventOf<A>,
  record: ReferralRecord,
  actor: Actor,
  table: TransitionTable,
): TransitionResult {
  const rules = rulesFor(action, table);
  const refuse = (refusal: TransitionRefusal, reason: string): TransitionResult => ({
    ok: false,
    refusal,
    reason,
    status: record.status,
    allowedActions: availableActions(record, actor, table),
  });

  // Role before state: someone who may never do this should not learn which states would allow it.
  const fitting = rules.filter((rule) => actorFits(rule, record, actor));
  if (fitting.length === 0) {
    const who = [...new Set(rules.map((rule) => rule.whoDescription))].join(' or ');
    return refuse(
      'ROLE_NOT_ALLOWED',
      `You may not ${humanise(action)} this referral (status ${record.status}): only ${who} may.`,
    );
  }

  const rule = fitting.find((candidate) => appliesTo(candidate, record));
  if (rule === undefined) {
    const describe = (candidate: TransitionRule<A>) =>
      candidate.from.map((status) => (candidate.whenDescription ? `${status} (${candidate.whenDescription})` : status));
    const from = [...new Set(fitting.flatMap(describe))].join(', ');
    return refuse(
      'NOT_ALLOWED_IN_STATE',
      `A referral in status ${record.status} cannot be given the ${humanise(action)} action; it is allowed only in ${from}.`,
    );
  }

  const to: ReferralStatus | undefined = rule.to(event, record);
  if (to === undefined) {
    // Only reachable with malformed runtime input (e.g. an unknown triage decision from JSON).
    throw new DomainError('INVALID_REFERRAL_EVENT', `The ${action} event is malformed.`, { event });
  }
  return { ok: true, from: record.status, to };
}

/**
 * The single pure check used by the API, the workflow's Update validators and the tests.
 * Throws DomainError('INVALID_REFERRAL_EVENT') only for events that do not match the ReferralEvent type.
 */
export function transition(
  record: ReferralRecord,
  event: ReferralEvent,
  actor: Actor,
  table: TransitionTable = REFERRAL_TRANSITIONS,
): TransitionResult {
  if (!isReferralAction(event.type)) {
    throw new DomainError('INVALID_REFERRAL_EVENT', `Unknown referral action ${String(event.type)}.`, { event });
  }
  return evaluate(event.type, event, record, actor, table);
}
