import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { cadencePolicyOf } from '@rocu/domain';
import type {
  Actor,
  CadencePolicy,
  MeetingDecision,
  ArrangedMeetingSettings,
  MeetingStatus,
  MeetingType,
  PassedOverItem,
  RatificationOutcome,
  ReferralOrigin,
  RegionSettings,
} from '@rocu/domain';
import type { ActorCommand } from './actor-command';

export const MEETING_WORKFLOW_TYPE = 'meetingWorkflow';

export interface MeetingWorkflowInput {
  meetingId: string;
  region: string;
  type: MeetingType;
  scheduledFor: string;
  /** The paper cut-off: the agenda follows new assessments until then, and is frozen from then on. */
  papersCloseAt: string;
  /** Who asked for an extra meeting; absent for meetings created from the region's cadence. */
  requestedBy?: Actor;
  /** Quorum and session window; absent in meetings started before they existed (the defaults apply). */
  settings?: ArrangedMeetingSettings;
}

export type AgendaItemKind = 'NEW' | 'RATIFICATION';

export interface AgendaItem {
  referralId: string;
  reference: string;
  kind: AgendaItemKind;
  /** Rank among the NEW items (1 = highest priority then risk); ratifications are not ranked (0). */
  rank: number;
  priority: string;
  riskScore: number;
  breakdown: unknown;
  deferrals: number;
  ownerOrg: string;
  classification: string;
  listedAt: string;
  /** For a ratification: the out-of-meeting decision being ratified. */
  urgentDecision?: string;
  /** The national priority the item is aligned to (flagged on the agenda); absent when none. */
  nationalPriority?: string;
  /** NCA_TASKING for a tasking request the NCA made (declining it needs a justification); absent otherwise. */
  origin?: ReferralOrigin;
}

export interface Attendee {
  sub: string;
  name: string;
  org: string;
  /** Referral ids this attendee is recused from: those declared here, and this meeting's items the register covers. */
  conflicts: string[];
  /** Of those, the ones declared at this meeting (only these are written to the register). */
  declared?: string[];
}

export interface AttendanceCommand extends ActorCommand {
  attendees: Attendee[];
  /** Sign-in ids of people recorded before who are not attending after all (recorded in error, or gone). */
  removed?: string[];
}

export interface DecisionCommand extends ActorCommand {
  referralId: string;
  /** Required for an urgent decision awaiting ratification (and only then). */
  ratification?: RatificationOutcome;
  decision: MeetingDecision;
  rationale: string;
  deviationJustification?: string;
  /** Required to decline an NCA tasking request: declines are reported nationally. */
  declineJustification?: string;
  /** The NCA's or partner's reference when the item is referred on. */
  onwardReference?: string;
  /**
   * Agenda items whose referral has left the meeting's hands undecided (withdrawn, or decided out of it), as
   * the API read them: the workflow is not told of those changes, and without them an adoption would pass over
   * items no one can decide. Absent in older histories.
   */
  settledElsewhere?: string[];
  /**
   * New items of the frozen agenda decided urgently out of the meeting since the freeze, with that decision, as
   * the API read them: this meeting, the next of its type, ratifies or overturns them, outside the ranking.
   * Absent in older histories.
   */
  urgentlyDecided?: UrgentlyDecidedItem[];
}

export interface UrgentlyDecidedItem {
  referralId: string;
  urgentDecision: MeetingDecision;
}

export interface DecisionRecord {
  referralId: string;
  decision: MeetingDecision;
  rationale: string;
  deviationJustification?: string;
  declineJustification?: string;
  onwardReference?: string;
  /** Higher-ranked items passed over by an adoption (a deviation when non-empty). */
  passedOver: PassedOverItem[];
  decidedBy: { sub: string; name: string };
  decidedAt: string;
  ratification: boolean;
  /** On a ratification item: whether the urgent decision was ratified or overturned (absent before this existed). */
  ratificationOutcome?: RatificationOutcome;
  /** When overturned: the urgent decision that no longer stands. */
  overturned?: MeetingDecision;
}

export interface MeetingSnapshot {
  meetingId: string;
  status: MeetingStatus;
  agenda: AgendaItem[];
  attendees: Attendee[];
  decisions: DecisionRecord[];
  seq: number;
  /** When the chair recorded attendance within the session window; decisions need it (and a quorum). */
  inSessionSince?: string;
}

/** Answers once the meeting is in the read model (sent with the start, so a GET right after sees it). */
export const openMeetingUpdate = defineUpdate<MeetingSnapshot, [ActorCommand]>('openMeeting');
export const recordAttendanceUpdate = defineUpdate<MeetingSnapshot, [AttendanceCommand]>('recordAttendance');
export const decideItemUpdate = defineUpdate<DecisionRecord, [DecisionCommand]>('decideItem');
export interface CloseCommand extends ActorCommand {
  remarks?: string;
  /** Undecided items settled elsewhere as the API read them at the close (see DecisionCommand): not rolled on. */
  settledElsewhere?: string[];
}

export const closeMeetingUpdate = defineUpdate<MeetingSnapshot, [CloseCommand]>('closeMeeting');
export const meetingSnapshotQuery = defineQuery<MeetingSnapshot>('meetingSnapshot');

export const MEETING_SCHEDULE_WORKFLOW_TYPE = 'meetingScheduleWorkflow';

/**
 * How meetings recur: the region's calendar cadence, or (for tests and drills) a fixed interval, so a
 * compressed schedule can be observed in seconds.
 */
export type MeetingRecurrence =
  { kind: 'CALENDAR'; policy: CadencePolicy } | { kind: 'INTERVAL'; everyMs: number; papersCloseBeforeMs: number };

/** A region's TTCG recurrence from its settings, or the fixed interval that replaces it (MEETING_INTERVAL_MS). */
export function meetingRecurrenceFor(settings: RegionSettings, intervalMs: number | undefined): MeetingRecurrence {
  return intervalMs
    ? { kind: 'INTERVAL', everyMs: intervalMs, papersCloseBeforeMs: Math.floor(intervalMs / 2) }
    : { kind: 'CALENDAR', policy: cadencePolicyOf(settings) };
}

/** The region's settings as a schedule uses them: when meetings recur, and the rules (quorum) they run by. */
export interface MeetingScheduleChange {
  recurrence: MeetingRecurrence;
  settings: ArrangedMeetingSettings;
}

/**
 * The region's settings changed: meetings the schedule creates from now on follow them; those already
 * created keep their dates and rules.
 */
export const meetingRecurrenceSignal = defineSignal<[MeetingScheduleChange]>('meetingRecurrence');

export interface MeetingScheduleInput {
  region: string;
  type: MeetingType;
  recurrence: MeetingRecurrence;
  /** How many future meetings to keep created ahead of time. */
  horizon: number;
  /** Meeting times already created (carried across continue-as-new so none is created twice). */
  created?: string[];
  /** For INTERVAL recurrence: the instant the cycle counts from (set on the first run, then carried). */
  anchor?: string;
  /** Passed on to each meeting created (quorum, session window). */
  settings?: ArrangedMeetingSettings;
}
