import { workingTimeBetween } from '../calendar/working-time';
import { deadlineTimes } from '../deadlines/compute-deadline';
import type { DeadlineStage, StagePolicy } from '../deadlines/deadline-policy';
import type { Participant, PlanRole } from '../plan/plan-types';
import { activeStage } from './active-stage';
import { LIVE_TASKING_STATUSES, type ReferralStatus } from './referral-status';
import type { ReferralEvent } from './referral-transitions';

/** A deadline's due and reminder times. */
export interface DueTimes {
  dueAt: Date;
  remindAt: Date;
}

/** What a referral's workflow knows of the referral between transitions. Replaced whole, never changed in place. */
export interface ReferralState {
  readonly status: ReferralStatus;
  /** How many transitions have been applied: the last one's sequence number. */
  readonly seq: number;
  /**
   * Time paused for the referrer's information and, for a referral the NCA returned, in the NCA's queue: on the
   * clock and (for working-day deadlines) in working time.
   */
  readonly pausedMs: number;
  readonly pausedWorkingMs: number;
  /** Since when it has been paused, while it is. */
  readonly pausedSince: Date | null;
  /** When it was first adopted (the allocation clock) and first awaited a decision (the decision clock). */
  readonly adoptedAt: Date | null;
  readonly awaitingSince: Date | null;
  /** Stages a decision has taken the referral out of (met, or breached if escalated first). */
  readonly completed: ReadonlySet<DeadlineStage>;
  /** When each stage's reminder and escalation were sent. */
  readonly reminded: ReadonlyMap<DeadlineStage, string>;
  readonly escalated: ReadonlyMap<DeadlineStage, string>;
  readonly sio?: Participant;
  readonly lro?: Participant;
  /** Closing a tasking prompts a re-assessment of its subject; the workflow stays open until it is done. */
  readonly reassessmentDue: boolean;
  /** An urgent out-of-meeting decision awaits its meeting's ratification. */
  readonly urgentDecisionPending: boolean;
  /** Sent national and awaiting the NCA's answer; a return puts it back where it was sent from. */
  readonly nationalPending: boolean;
  readonly nationalReturnTo: ReferralStatus;
  /** How many times it has been sent national, when it was last sent, and when the NCA's answer is due. */
  readonly nationalRound: number;
  readonly nationalSentAt: Date | null;
  readonly nationalDue: DueTimes | null;
  /** When it last left assessment: an assessment the NCA's return resumes stopped then (see resumeAfterNational). */
  readonly assessmentLeftAt: Date | null;
}

/** Fixed for the life of a referral's workflow. */
export interface ReferralStateSettings {
  /** False for referrals started before paused time was also counted in working time. */
  workingTime: boolean;
  /**
   * False for referrals started before a transition that stays in INFO_REQUESTED (a partner check) left the
   * pause running; they keep closing it there without counting it, as their recorded deadlines did.
   */
  pauseSurvivesStays: boolean;
  /**
   * When the gateway's working-day clocks started (workingClockStart of the submission): working time paused
   * before then is not given back, as the clock was not yet running. Null for referrals started before this rule,
   * which replay giving it back (up to 9 hours late for work that arrived on a weekend or bank holiday).
   */
  clockStartsAt: Date | null;
  /** Whether the referral has a decision clock (IMMEDIATE referrals): awaiting a decision is then a stage. */
  decisionClock: boolean;
  /** How long the NCA has to answer a referral sent national. */
  nationalResponse: StagePolicy;
}

/** An accepted transition: the status transition() gave for the event, with the referral's settings. */
export interface ReferralEventContext extends ReferralStateSettings {
  to: ReferralStatus;
  /**
   * Adopted again after an overturn stood the tasking down (see isReadoption): the allocation clock starts
   * afresh. Referrals started before this rule replay without it (the workflow decides by a patch).
   */
  readoption?: boolean;
  /**
   * The NCA returned it and its stage resumes (see resumeAfterNational). A return recorded before this rule
   * replays without it (the workflow decides by a patch).
   */
  nationalReturn?: boolean;
  /**
   * Resumed, an assessment re-scored after it was done (sent national from awaiting a decision, or deferred)
   * stopped when it was done, not when it was sent: the wait for a meeting is not the assessment's time. A return
   * recorded before this rule replays without it (the workflow decides by a patch).
   */
  resumeFromAssessmentLeft?: boolean;
  /**
   * Awaiting a decision again (see isDecisionAgain): the decision clock starts afresh. Referrals started before
   * this rule replay without it (the workflow decides by a patch).
   */
  decisionAgain?: boolean;
}

/** An adoption of a referral adopted before whose tasking has since stood down (not a live tasking now). */
export function isReadoption(state: ReferralState, to: ReferralStatus): boolean {
  return to === 'ADOPTED' && state.adoptedAt !== null && !LIVE_TASKING_STATUSES.includes(state.status);
}

/**
 * Assessed for a meeting again after an earlier decision wait: re-scored (awaiting a decision or deferred) and
 * sent national, the NCA returned it to assessment (the only way back to ASSESSMENT once a decision was awaited).
 */
export function isDecisionAgain(state: ReferralState, to: ReferralStatus): boolean {
  return to === 'AWAITING_DECISION' && state.status === 'ASSESSMENT' && state.awaitingSince !== null;
}

/** The stage's reminder and escalation forgotten, for a clock that starts afresh. */
function withoutNotices(state: ReferralState, stage: DeadlineStage): Pick<ReferralState, 'reminded' | 'escalated'> {
  const without = <T>(map: ReadonlyMap<DeadlineStage, T>) => new Map([...map].filter(([key]) => key !== stage));
  return { reminded: without(state.reminded), escalated: without(state.escalated) };
}

/** A fresh allocation clock: from now, not met, neither reminded nor escalated. */
function freshAllocation(state: ReferralState, completed: ReadonlySet<DeadlineStage>, now: Date) {
  return { adoptedAt: now, ...restarted(state, completed, 'ALLOCATION') };
}

/** A fresh decision clock: from now, not met, neither reminded nor escalated. */
function freshDecision(state: ReferralState, completed: ReadonlySet<DeadlineStage>, now: Date) {
  return { awaitingSince: now, ...restarted(state, completed, 'DECISION') };
}

/** The stage no longer met, and its notices forgotten. */
function restarted(state: ReferralState, completed: ReadonlySet<DeadlineStage>, stage: DeadlineStage) {
  return { completed: new Set([...completed].filter((done) => done !== stage)), ...withoutNotices(state, stage) };
}

/**
 * What the workflow notes outside a transition, at the moment its handlers always have: set before a
 * transition (or after it, whether or not it lands), so a concurrent update sees them exactly then.
 */
export type ReferralFact =
  /** A decision taken out of meeting awaits ratification; a meeting's decision, or a ratification, settles it. */
  | { type: 'URGENT_DECISION'; pending: boolean }
  /** The NCA accepted or returned it: it no longer waits in the NCA's queue. */
  | { type: 'NATIONAL_ANSWERED' }
  /** An SIO allocated or an LRO named, first or in place of another. */
  | { type: 'OWNER_NAMED'; role: PlanRole; owner: Participant }
  /** A stage's reminder or escalation went out. */
  | { type: 'DEADLINE_NOTIFIED'; kind: 'REMINDER' | 'ESCALATION'; stage: DeadlineStage; at: string };

export function initialReferralState(): ReferralState {
  return {
    status: 'SUBMITTED',
    seq: 0,
    pausedMs: 0,
    pausedWorkingMs: 0,
    pausedSince: null,
    adoptedAt: null,
    awaitingSince: null,
    completed: new Set(),
    reminded: new Map(),
    escalated: new Map(),
    reassessmentDue: false,
    urgentDecisionPending: false,
    nationalPending: false,
    nationalReturnTo: 'AWAITING_DECISION',
    nationalRound: 0,
    nationalSentAt: null,
    nationalDue: null,
    assessmentLeftAt: null,
  };
}

/** The working time from `since` to `now` that a stopped gateway clock gives back (none for calendar clocks). */
function workingTimeStopped(settings: ReferralStateSettings, since: Date, now: Date): number {
  if (!settings.workingTime) return 0;
  const { clockStartsAt } = settings;
  return workingTimeBetween(clockStartsAt !== null && clockStartsAt > since ? clockStartsAt : since, now);
}

/**
 * Requesting information pauses the gateway clock; leaving INFO_REQUESTED adds the pause to the paused time.
 * A transition that stays in INFO_REQUESTED (a partner check) leaves the pause running; referrals started
 * before that was so restart the pause at `now` and then close it, losing it (replayed deadlines depend on it).
 */
function pauseClock(
  state: ReferralState,
  to: ReferralStatus,
  now: Date,
  settings: ReferralStateSettings,
): Pick<ReferralState, 'pausedMs' | 'pausedWorkingMs' | 'pausedSince'> {
  const { pausedMs, pausedWorkingMs } = state;
  if (settings.pauseSurvivesStays && state.status === 'INFO_REQUESTED' && to === 'INFO_REQUESTED') {
    return { pausedMs, pausedWorkingMs, pausedSince: state.pausedSince };
  }
  const since = to === 'INFO_REQUESTED' ? now : state.pausedSince;
  if (state.status !== 'INFO_REQUESTED' || since === null) return { pausedMs, pausedWorkingMs, pausedSince: since };
  return {
    pausedMs: pausedMs + (now.getTime() - since.getTime()),
    pausedWorkingMs: pausedWorkingMs + workingTimeStopped(settings, since, now),
    pausedSince: null,
  };
}

/** A stage is done when a decision moves the referral out of it; withdrawal or an overturn only cancels it. */
function completedStages(state: ReferralState, event: ReferralEvent, context: ReferralEventContext) {
  const leaving = activeStage(state.status, context.decisionClock);
  const cancels = event.type === 'WITHDRAW' || event.type === 'RATIFICATION';
  if (leaving === null || leaving === activeStage(context.to, context.decisionClock) || cancels) return state.completed;
  return new Set([...state.completed, leaving]);
}

/** Entering REFERRED_NATIONAL starts a round in the NCA's queue, with its deadline; a return goes back whence it came. */
function sendNational(
  state: ReferralState,
  event: ReferralEvent,
  now: Date,
  context: ReferralEventContext,
): Pick<ReferralState, 'nationalPending' | 'nationalReturnTo' | 'nationalRound' | 'nationalSentAt' | 'nationalDue'> {
  const { nationalPending, nationalReturnTo, nationalRound, nationalSentAt, nationalDue } = state;
  if (context.to !== 'REFERRED_NATIONAL' || state.status === 'REFERRED_NATIONAL') {
    return { nationalPending, nationalReturnTo, nationalRound, nationalSentAt, nationalDue };
  }
  return {
    nationalPending: true,
    nationalReturnTo: event.type === 'ASSESS' ? 'ASSESSMENT' : 'AWAITING_DECISION',
    nationalRound: nationalRound + 1,
    nationalSentAt: now,
    nationalDue: deadlineTimes(now, context.nationalResponse),
  };
}

/**
 * The NCA returned it: the stage it comes back to runs again instead of staying met (or, its deadline long
 * past, escalating at once). A gateway stage resumes where it stopped: the time in the NCA's queue is paused
 * time, as waiting for the referrer's information is (and, for an assessment re-scored after it was done, the
 * time since it was done: see resumeFromAssessmentLeft). An urgent decision's clock starts again from the return
 * (due by the end of that day, as it was first).
 */
function resumeAfterNational(
  state: ReferralState,
  completed: ReadonlySet<DeadlineStage>,
  now: Date,
  context: ReferralEventContext,
): Partial<ReferralState> {
  const stage = activeStage(context.to, context.decisionClock);
  const sentAt = state.nationalSentAt;
  if (stage === null || sentAt === null) return {};
  if (stage === 'DECISION') return freshDecision(state, completed, now);
  const resumed = new Set([...completed].filter((done) => done !== stage));
  const stoppedAt = (context.resumeFromAssessmentLeft ? state.assessmentLeftAt : null) ?? sentAt;
  return {
    completed: resumed,
    pausedMs: state.pausedMs + (now.getTime() - stoppedAt.getTime()),
    pausedWorkingMs: state.pausedWorkingMs + workingTimeStopped(context, stoppedAt, now),
  };
}

/** The state after an accepted transition at `now` (the rule check, transition(), has already given `to`). */
export function applyReferralEvent(
  state: ReferralState,
  event: ReferralEvent,
  now: Date,
  context: ReferralEventContext,
): ReferralState {
  const { to } = context;
  const completed = completedStages(state, event, context);
  return {
    ...state,
    ...pauseClock(state, to, now, context),
    ...sendNational(state, event, now, context),
    status: to,
    seq: state.seq + 1,
    completed,
    adoptedAt: state.adoptedAt ?? (to === 'ADOPTED' ? now : null),
    awaitingSince: state.awaitingSince ?? (to === 'AWAITING_DECISION' ? now : null),
    reassessmentDue: reassessmentDueAfter(state, event),
    assessmentLeftAt: state.status === 'ASSESSMENT' && to !== 'ASSESSMENT' ? now : state.assessmentLeftAt,
    ...(context.readoption ? freshAllocation(state, completed, now) : {}),
    ...(context.nationalReturn ? resumeAfterNational(state, completed, now, context) : {}),
    ...(context.decisionAgain ? freshDecision(state, completed, now) : {}),
  };
}

/**
 * Closing a tasking makes its subject's re-assessment due; assessing the closed referral does it. Only a closure
 * that is applied counts: one refused because the status moved while it waited for the plan (an overturning
 * ratification won) must not leave the workflow waiting for a re-assessment that can never come.
 */
function reassessmentDueAfter(state: ReferralState, event: ReferralEvent): boolean {
  if (event.type === 'CLOSE') return true;
  if (event.type === 'ASSESS' && state.status === 'CLOSED') return false;
  return state.reassessmentDue;
}

/** The state after a fact the workflow notes outside a transition. */
export function noteReferralFact(state: ReferralState, fact: ReferralFact): ReferralState {
  switch (fact.type) {
    case 'URGENT_DECISION':
      return { ...state, urgentDecisionPending: fact.pending };
    case 'NATIONAL_ANSWERED':
      return { ...state, nationalPending: false };
    case 'OWNER_NAMED':
      return fact.role === 'SIO' ? { ...state, sio: fact.owner } : { ...state, lro: fact.owner };
    case 'DEADLINE_NOTIFIED': {
      const key = fact.kind === 'REMINDER' ? 'reminded' : 'escalated';
      return { ...state, [key]: new Map([...state[key], [fact.stage, fact.at]]) };
    }
  }
}
