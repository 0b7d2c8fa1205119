import { DomainError, type ErrorCode } from '../errors/domain-error';
import { Actor, Role } from '../roles';
import { AgendaPosition, ItemOutcome, PassedOverItem, awaitsDecision, outcomeOf, passedOverBy } from './deviation';
import { MeetingDecision, MeetingStatus, MeetingType, RatificationOutcome } from './meeting-types';

export interface MeetingRecord {
  id: string;
  region: string;
  type: MeetingType;
  status: MeetingStatus;
  /** The planned chair. Any TTCG chair of the region may act, so a deputy can decide a recused chair's items. */
  chairSub: string | null;
}

export const MEETING_ACTIONS = ['RECORD_ATTENDANCE', 'DECIDE', 'CLOSE'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

/** The codes a meeting's rules refuse with: part of the closed list the API maps to HTTP statuses. */
export type MeetingRefusal = Extract<
  ErrorCode,
  | 'ROLE_NOT_ALLOWED'
  | 'NOT_ALLOWED_IN_STATE'
  | 'RECUSED'
  | 'DEVIATION_NEEDS_JUSTIFICATION'
  | 'DECLINE_NEEDS_JUSTIFICATION'
  | 'NOT_ON_AGENDA'
  | 'ALREADY_DECIDED'
  | 'RATIFICATION_RULE'
  | 'NOT_IN_SESSION'
  | 'NOT_QUORATE'
>;

export type MeetingCheck = { ok: true } | { ok: false; refusal: MeetingRefusal; reason: string };

export interface MeetingActionRule {
  /** A person with this role, working in the meeting's region. */
  role: Role;
  from: readonly MeetingStatus[];
  /** Used in refusal reasons. */
  description: string;
}

/** Who may do what to a meeting, as data. Decisions need a frozen agenda so ranks cannot move under them. */
export const MEETING_ACTION_RULES: Readonly<Record<MeetingAction, MeetingActionRule>> = {
  RECORD_ATTENDANCE: { role: 'TTCG_CHAIR', from: ['SCHEDULED', 'AGENDA_FROZEN'], description: 'record attendance' },
  DECIDE: { role: 'TTCG_CHAIR', from: ['AGENDA_FROZEN'], description: 'decide agenda items' },
  CLOSE: { role: 'TTCG_CHAIR', from: ['AGENDA_FROZEN'], description: 'close the meeting' },
};

const ROLE_NAMES: Partial<Record<Role, string>> = { TTCG_CHAIR: 'a TTCG chair' };

function roleFits(rule: MeetingActionRule, meeting: Pick<MeetingRecord, 'region'>, actor: Actor): boolean {
  return actor.roles.includes(rule.role) && actor.region !== null && actor.region === meeting.region;
}

/**
 * The role half of checkMeetingAction: it needs no state, so the API answers a caller who may never take the
 * action 403 before it looks at the request (a bad field or a recusal would otherwise be answered first).
 */
export function checkMeetingRole(
  meeting: Pick<MeetingRecord, 'id' | 'region'>,
  action: MeetingAction,
  actor: Actor,
): MeetingCheck {
  const rule = MEETING_ACTION_RULES[action];
  if (roleFits(rule, meeting, actor)) return { ok: true };
  const who = ROLE_NAMES[rule.role] ?? rule.role;
  return {
    ok: false,
    refusal: 'ROLE_NOT_ALLOWED',
    reason: `You may not ${rule.description} at meeting ${meeting.id}: only ${who} of region ${meeting.region} may.`,
  };
}

/**
 * Who may do what: a TTCG_CHAIR whose actor.region === meeting.region may record attendance (SCHEDULED or
 * AGENDA_FROZEN), decide (AGENDA_FROZEN only) and close (AGENDA_FROZEN). Role is checked before state.
 */
export function checkMeetingAction(meeting: MeetingRecord, action: MeetingAction, actor: Actor): MeetingCheck {
  const role = checkMeetingRole(meeting, action, actor);
  if (!role.ok) return role;
  const rule = MEETING_ACTION_RULES[action];
  if (!rule.from.includes(meeting.status)) {
    return {
      ok: false,
      refusal: 'NOT_ALLOWED_IN_STATE',
      reason: `Meeting ${meeting.id} is ${meeting.status}: you can ${rule.description} only when it is ${rule.from.join(' or ')}.`,
    };
  }
  return { ok: true };
}

/**
 * People are taken off the attendance (recorded in error) only until the meeting's first decision: from then on
 * the minutes show who was present, and who was recused, when each decision was made.
 */
export function checkAttendanceRemoval(decisionsRecorded: number, removed: readonly string[]): MeetingCheck {
  if (removed.length === 0 || decisionsRecorded === 0) return { ok: true };
  return {
    ok: false,
    refusal: 'NOT_ALLOWED_IN_STATE',
    reason:
      'Nobody can be taken off the attendance once a decision is recorded: the minutes show who was present when ' +
      'each was made.',
  };
}

/**
 * The most people one meeting's attendance may hold: far beyond any TTCG, and small enough that the meeting's
 * workflow, which answers every change with the whole attendance, stays well inside Temporal's payload limits.
 */
export const MAX_MEETING_ATTENDEES = 200;

/** An attendance change: the people listed (added or recorded again) and the sign-in ids taken off. */
export interface AttendanceChange {
  attendees: readonly { sub: string }[];
  removed?: readonly string[];
}

/** How many people the attendance would hold after a change: those recorded, those listed, less those removed. */
export function attendanceAfter(recorded: readonly string[], change: AttendanceChange): number {
  const people = new Set([...recorded, ...change.attendees.map((attendee) => attendee.sub)]);
  for (const sub of change.removed ?? []) people.delete(sub);
  return people.size;
}

/**
 * A change may not take the attendance past MAX_MEETING_ATTENDEES; one that leaves an attendance already past it
 * (two changes at once) no larger passes, so the meeting can still be put right.
 */
export function checkAttendanceSize(recorded: readonly string[], change: AttendanceChange): MeetingCheck {
  const after = attendanceAfter(recorded, change);
  if (after <= MAX_MEETING_ATTENDEES || after <= recorded.length) return { ok: true };
  return {
    ok: false,
    refusal: 'NOT_ALLOWED_IN_STATE',
    reason: `A meeting's attendance may hold at most ${MAX_MEETING_ATTENDEES} people; this would make ${after}.`,
  };
}

/** Actions this actor may take on this meeting now, in MEETING_ACTIONS order. */
export function availableMeetingActions(meeting: MeetingRecord, actor: Actor): MeetingAction[] {
  return MEETING_ACTIONS.filter((action) => checkMeetingAction(meeting, action, actor).ok);
}

export interface ItemDecisionInput {
  agenda: readonly AgendaPosition[];
  outcomes: ReadonlyMap<string, ItemOutcome>;
  /** Declared conflicts: actor sub -> referral ids that person is recused from. */
  conflicts: ReadonlyMap<string, readonly string[]>;
  actor: Actor;
  referralId: string;
  decision: MeetingDecision;
  deviationJustification?: string;
}

export type ItemDecisionCheck = MeetingCheck & { passedOver: PassedOverItem[] };

function describePassedOver(items: readonly PassedOverItem[]): string {
  const labels: Record<PassedOverItem['outcome'], string> = {
    DEFER: 'deferred',
    DECLINE_RETURN_TO_FORCE: 'declined',
    UNDECIDED: 'undecided',
  };
  return items.map((item) => `${item.referralId} (rank ${item.rank}, ${labels[item.outcome]})`).join(', ');
}

export function isRecused(conflicts: ReadonlyMap<string, readonly string[]>, sub: string, referralId: string): boolean {
  return conflicts.get(sub)?.includes(referralId) ?? false;
}

/**
 * The refusal of a decision by someone with a conflict on the register for the referral or its subject (declared
 * at an allocation or any meeting): in a meeting or out of one (urgent), a deputy chair must decide it.
 */
export const registeredRecusal = (referralId: string): DomainError =>
  new DomainError(
    'RECUSED',
    `You have a conflict of interest on the register for referral ${referralId} and are recused from it; a deputy chair must decide it.`,
  );

/**
 * A decision on one item: the item must be on the agenda and undecided; an actor who declared a conflict
 * on the item is recused (a deputy chair must decide); an adoption that passes over higher-ranked items
 * needs a non-empty justification. `passedOver` is always returned so the caller can record it.
 * Does not check the meeting's state or the actor's role: combine with checkMeetingAction(..., 'DECIDE').
 */
export function checkItemDecision(input: ItemDecisionInput): ItemDecisionCheck {
  const { agenda, outcomes, conflicts, actor, referralId, decision } = input;
  if (!agenda.some((item) => item.referralId === referralId)) {
    return {
      ok: false,
      refusal: 'NOT_ON_AGENDA',
      reason: `Referral ${referralId} is not on this meeting's agenda.`,
      passedOver: [],
    };
  }
  const current = outcomeOf(outcomes, referralId);
  if (current !== 'UNDECIDED') {
    return {
      ok: false,
      refusal: 'ALREADY_DECIDED',
      reason: `Referral ${referralId} has already been decided at this meeting (${current}).`,
      passedOver: [],
    };
  }
  const passedOver = passedOverBy(agenda, outcomes, referralId, decision);
  if (isRecused(conflicts, actor.sub, referralId)) {
    return {
      ok: false,
      refusal: 'RECUSED',
      reason: `You declared a conflict on referral ${referralId} and are recused from it; a deputy chair must decide it.`,
      passedOver,
    };
  }
  if (passedOver.length > 0 && (input.deviationJustification ?? '').trim().length === 0) {
    return {
      ok: false,
      refusal: 'DEVIATION_NEEDS_JUSTIFICATION',
      reason: `Adopting referral ${referralId} passes over higher-ranked ${describePassedOver(passedOver)}; record a justification for the deviation.`,
      passedOver,
    };
  }
  return { ok: true, passedOver };
}

/** The whole check for a decision: meeting state and role first, then the item rules. */
export function checkMeetingDecision(meeting: MeetingRecord, input: ItemDecisionInput): ItemDecisionCheck {
  const action = checkMeetingAction(meeting, 'DECIDE', input.actor);
  if (!action.ok) return { ...action, passedOver: [] };
  return checkItemDecision(input);
}

/** Agenda items still for the meeting to decide, in rank order (e.g. to warn before closing). */
export function undecidedItems(
  agenda: readonly AgendaPosition[],
  outcomes: ReadonlyMap<string, ItemOutcome>,
): AgendaPosition[] {
  return agenda.filter((item) => awaitsDecision(item, outcomes)).sort((a, b) => a.rank - b.rank);
}

/**
 * How an item is decided: a new item by a decision alone; an urgent decision awaiting ratification by
 * RATIFY (with the urgent decision itself, so the minutes say what stands) or OVERTURN with a different
 * decision, which then reaches the referral like any other.
 */
export function checkRatification(
  item: { referralId: string; urgentDecision?: MeetingDecision | null },
  ratification: RatificationOutcome | undefined,
  decision: MeetingDecision,
): MeetingCheck {
  const refuse = (reason: string): MeetingCheck => ({ ok: false, refusal: 'RATIFICATION_RULE', reason });
  const urgent = item.urgentDecision ?? null;
  if (urgent === null) {
    return ratification === undefined
      ? { ok: true }
      : refuse(`Referral ${item.referralId} is a new item: only an urgent decision is ratified or overturned.`);
  }
  if (ratification === undefined) {
    return refuse(
      `Referral ${item.referralId} was decided urgently (${urgent}): RATIFY that decision or OVERTURN it with a new one.`,
    );
  }
  if (ratification === 'RATIFY' && decision !== urgent) {
    return refuse(
      `Ratifying referral ${item.referralId} keeps its urgent decision ${urgent}; to decide ${decision} instead, OVERTURN it.`,
    );
  }
  if (ratification === 'OVERTURN' && decision === urgent) {
    return refuse(`Overturning referral ${item.referralId} needs a decision other than its urgent ${urgent}.`);
  }
  return { ok: true };
}
