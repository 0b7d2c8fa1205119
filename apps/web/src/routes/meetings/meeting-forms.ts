import {
  isAdoption,
  isMeetingDecision,
  MeetingDecision,
  passedOverBy,
  PassedOverItem,
  RATIFICATION_OUTCOMES,
  RatificationOutcome,
} from '@rocu/domain';
import { rows } from '../../forms/form-values';
import type { AgendaItem, MeetingDetail } from './meeting-api';

declare module 'express-session' {
  interface SessionData {
    /** An adoption waiting for its deviation justification (the second step of the decision form). */
    pendingDecision: PendingDecision;
    /** Attendance rows kept while the chair adds or removes rows without JavaScript. */
    attendanceDraft: { meetingId: string } & AttendanceForm;
    /** The reference of the referral just decided out of meeting, for the next page's banner (once). */
    urgentDecided: string;
  }
}

export interface PendingDecision {
  meetingId: string;
  referralId: string;
  decision: MeetingDecision;
  rationale: string;
  /** The decision form's Idempotency-Key, for the justification form to send the decision under. */
  key?: string;
}

/** The API's decision body (POST /meetings/{id}/decisions, POST /referrals/{id}/urgent-decision). */
export interface DecisionBody {
  ratification?: RatificationOutcome;
  decision?: string;
  rationale?: string;
  onwardReference?: string;
  deviationJustification?: string;
  declineJustification?: string;
}

export interface AttendeeRow {
  sub: string;
  name: string;
  org: string;
  conflicts: string[];
}

type Form = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const texts = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(text).filter((each) => each !== '');

/** The decision form as the API's body, trimmed, optional blanks left out (the API says what is missing). */
export function decisionBody(form: Form): DecisionBody {
  const decision = text(form.decision);
  const onwardReference = text(form.onwardReference);
  const deviationJustification = text(form.deviationJustification);
  const declineJustification = text(form.declineJustification);
  return {
    ...(decision ? { decision } : {}),
    rationale: text(form.rationale),
    ...(onwardReference ? { onwardReference } : {}),
    ...(deviationJustification ? { deviationJustification } : {}),
    ...(declineJustification ? { declineJustification } : {}),
  };
}

const isRatificationOutcome = (value: string): value is RatificationOutcome =>
  (RATIFICATION_OUTCOMES as readonly string[]).includes(value);

/**
 * An agenda item's decision form as the API's body. On an urgent decision listed for ratification the chair
 * chooses RATIFY (the urgent decision stands: it is sent as the decision) or OVERTURN with a new decision.
 */
export function itemDecisionBody(form: Form, item: Pick<AgendaItem, 'urgentDecision'>): DecisionBody {
  const body = decisionBody(form);
  const ratification = text(form.ratification);
  if (!item.urgentDecision || !isRatificationOutcome(ratification)) return body;
  return ratification === 'RATIFY'
    ? { ...body, ratification, decision: item.urgentDecision }
    : { ...body, ratification };
}

/**
 * The higher-ranked items an adoption of this item would pass over, by the pure deviation rule the API and
 * the meeting workflow use (ratifications are outside the ranking). Non-empty: ask for a justification.
 */
export function wouldPassOver(meeting: MeetingDetail, referralId: string, decision: string): PassedOverItem[] {
  if (!isMeetingDecision(decision) || !isAdoption(decision)) return [];
  const item = meeting.agenda.find((candidate) => candidate.referralId === referralId);
  if (!item) return [];
  const ranked =
    item.kind === 'RATIFICATION'
      ? [{ referralId, rank: 1 }]
      : meeting.agenda.filter((candidate) => candidate.kind === 'NEW');
  const outcomes = new Map(meeting.decisions.map((made) => [made.referralId, made.decision]));
  return passedOverBy(ranked, outcomes, referralId, decision);
}

/** The attendance form's rows (bracket notation `attendees[0][name]`, read as keyed rows beyond 20), as typed. */
export function attendeeRows(form: Form): AttendeeRow[] {
  return rows(form.attendees).map((fields) => ({
    sub: text(fields.sub),
    name: text(fields.name),
    org: text(fields.org),
    conflicts: texts(fields.conflicts),
  }));
}

export const blankAttendee = (): AttendeeRow => ({ sub: '', name: '', org: '', conflicts: [] });

/** The attendance form as the chair has it: its rows, and who was recorded when it was first shown. */
export interface AttendanceForm {
  rows: AttendeeRow[];
  recorded: string[];
}

/** The form as sent: its rows, and the sign-in ids recorded when it was first shown (carried through round trips). */
export const attendanceForm = (form: Form): AttendanceForm => ({
  rows: attendeeRows(form),
  recorded: [...new Set(texts(form.recorded))],
});

/**
 * Who the chair took off the form: the people recorded when it was first shown whose sign-in id no row has now.
 * Someone another chair recorded meanwhile was never on the form, so is not removed by it.
 */
export function removedAttendees({ rows, recorded }: AttendanceForm): string[] {
  const listed = new Set(rows.map((row) => row.sub));
  return recorded.filter((sub) => !listed.has(sub));
}

const isBlank = (row: AttendeeRow): boolean =>
  row.sub === '' && row.name === '' && row.org === '' && row.conflicts.length === 0;

/**
 * The rows to send: blank rows at the end (the spare one the form offers) are left out; a blank row between
 * others is sent, so the API's refusal names the same row number as the form.
 */
export function attendeesToRecord(rows: readonly AttendeeRow[]): AttendeeRow[] {
  let end = rows.length;
  while (end > 0 && isBlank(rows[end - 1])) end -= 1;
  return rows.slice(0, end);
}
