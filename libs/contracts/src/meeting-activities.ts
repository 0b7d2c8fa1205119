import type { Actor, MeetingDecision } from '@rocu/domain';
import type { AgendaItem, Attendee, DecisionRecord, MeetingWorkflowInput } from './meeting-workflow';

interface MeetingEventBase {
  meetingId: string;
  /** Event sequence within the meeting workflow: (meetingId, seq) keys idempotent projection. */
  seq: number;
  at: string;
  actor: Actor | null;
  correlationId?: string;
}

export type MeetingClosedEvent = MeetingEventBase & {
  undecided: string[];
  /** Absent from closes recorded before it existed. */
  settledElsewhere?: string[];
  remarks?: string;
};

export interface MeetingActivities {
  projectMeetingCreated(input: MeetingWorkflowInput & { at: string }): Promise<void>;
  /** Ranks the region's assessed referrals for this meeting type and snapshots them as the frozen agenda. */
  freezeAgenda(event: MeetingEventBase & { region: string; type: string }): Promise<AgendaItem[]>;
  /** `removed`: the attendees taken off the record (absent from events before removal existed). */
  projectAttendance(event: MeetingEventBase & { attendees: Attendee[]; removed?: Attendee[] }): Promise<void>;
  /**
   * Sends the tasking decision to the referral's workflow (an Update whose id is derived from the meeting
   * and referral, so a retry is deduplicated by Temporal), then records it on the meeting.
   */
  applyDecision(event: MeetingEventBase & { decision: DecisionRecord; region: string }): Promise<void>;
  /** `settledElsewhere`: the undecided items the close found settled outside the meeting (recorded on them). */
  projectMeetingClosed(event: MeetingClosedEvent): Promise<void>;
  /**
   * A projection failed in a way no retry can cure (UNPROJECTABLE): audited and raised to the region's ROCU
   * manager, so the meeting carries on without it. `seq` is the failed event's.
   */
  raiseMeetingFailure(failure: MeetingFailure): Promise<void>;
}

/** The failure type an activity gives when its projection can never succeed (constraint violation, bad data). */
export const UNPROJECTABLE_FAILURE = 'UNPROJECTABLE';

export interface MeetingFailure {
  meetingId: string;
  seq: number;
  region: string;
  /** What could not be recorded: the agenda freeze, or a decision (on `referralId`). */
  stage: 'FREEZE' | 'DECISION';
  referralId?: string;
  message: string;
  at: string;
}

export interface TaskingDecisionCommand {
  actor: Actor;
  correlationId?: string;
  decision: MeetingDecision;
  rationale: string;
  /** The meeting that decided; absent for an urgent out-of-meeting decision (IMMEDIATE referrals only). */
  meetingId?: string;
  deviationJustification?: string;
  onwardReference?: string;
}
