import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import {
  Actor,
  checkAttendanceRemoval,
  checkAttendanceSize,
  checkMeetingAction,
  checkMeetingDecision,
  checkRatification,
  checkSession,
  DEFAULT_MEETING_SETTINGS,
  findRegion,
  ItemOutcome,
  MeetingDecision,
  MeetingAction,
  MeetingCheck,
  MeetingRecord,
  ArrangedMeetingSettings,
  MeetingStatus,
  nationalDeclineRefusal,
  opensSession,
} from '@rocu/domain';
import {
  closeMeetingUpdate,
  decideItemUpdate,
  meetingSnapshotQuery,
  openMeetingUpdate,
  recordAttendanceUpdate,
  UNPROJECTABLE_FAILURE,
  type CloseCommand,
  type AgendaItem,
  type AttendanceCommand,
  type Attendee,
  type DecisionCommand,
  type DecisionRecord,
  type MeetingActivities,
  type MeetingFailure,
  type MeetingSnapshot,
  type MeetingWorkflowInput,
} from '@rocu/contracts';
import { UNTIL_PROJECTED } from './workflow-support';

const {
  projectMeetingCreated,
  freezeAgenda,
  projectAttendance,
  applyDecision,
  projectMeetingClosed,
  raiseMeetingFailure,
} = proxyActivities<MeetingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: UNTIL_PROJECTED,
});

/** The failure an activity gives when its projection can never succeed; the meeting records it and goes on. */
function unprojectable(error: unknown): error is ActivityFailure & { cause: ApplicationFailure } {
  return (
    error instanceof ActivityFailure &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === UNPROJECTABLE_FAILURE
  );
}

/** Ratification items are RATIFY or OVERTURN; histories from before this decided them like new items. */
export const RATIFY_OR_OVERTURN_PATCH = 'ratify-or-overturn';
/** Decisions only in session and with a quorum; histories from before this decided without either. */
export const DECISIONS_IN_SESSION_PATCH = 'decisions-in-session';
/** Declining an NCA tasking request needs a justification; histories from before this had no such items. */
export const NATIONAL_DECLINE_PATCH = 'national-decline-justification';
/**
 * New items decided urgently since the freeze are ratified, outside the ranking; a worker from before this decided
 * them like new items (a command carrying them, sent to it during a rolling deploy, replays as it decided).
 */
export const URGENTLY_DECIDED_PATCH = 'urgently-decided-since-freeze';

function refuseUnless(check: MeetingCheck): void {
  if (!check.ok) throw ApplicationFailure.create({ type: check.refusal, message: check.reason, nonRetryable: true });
}

/** What one meeting's workflow shares between its handlers and its agenda freeze. */
interface MeetingRun {
  readonly input: MeetingWorkflowInput;
  readonly settings: ArrangedMeetingSettings;
  readonly regionForces: readonly string[];
  status: MeetingStatus;
  seq: number;
  agenda: AgendaItem[];
  readonly attendees: Map<string, Attendee>;
  readonly decisions: Map<string, DecisionRecord>;
  decisionsInFlight: number;
  inSessionSince: string | null;
  /** The chairs who recorded attendance. */
  readonly chairs: Set<string>;
}

/** The rules added since histories were recorded, each applied only where its patch holds. */
interface CurrentRules {
  ratification: boolean;
  session: boolean;
  nationalDecline: boolean;
  urgentlyDecided: boolean;
}

function startMeetingRun(input: MeetingWorkflowInput): MeetingRun {
  return {
    input,
    settings: input.settings ?? DEFAULT_MEETING_SETTINGS,
    regionForces: input.settings?.regionForces ?? findRegion(input.region)?.forces ?? [],
    status: 'SCHEDULED',
    seq: 0,
    agenda: [],
    attendees: new Map(),
    decisions: new Map(),
    decisionsInFlight: 0,
    inSessionSince: null,
    chairs: new Set(),
  };
}

function record({ input, status }: MeetingRun): MeetingRecord {
  return { id: input.meetingId, region: input.region, type: input.type, status, chairSub: null };
}

function snapshot(run: MeetingRun): MeetingSnapshot {
  const { inSessionSince } = run;
  return {
    meetingId: run.input.meetingId,
    status: run.status,
    agenda: run.agenda,
    attendees: [...run.attendees.values()],
    decisions: [...run.decisions.values()],
    seq: run.seq,
    ...(inSessionSince ? { inSessionSince } : {}),
  };
}

const allow = (run: MeetingRun, action: MeetingAction, actor: Actor) =>
  refuseUnless(checkMeetingAction(record(run), action, actor));

function nextEvent(run: MeetingRun, actor: Actor | null, correlationId?: string) {
  return {
    meetingId: run.input.meetingId,
    seq: ++run.seq,
    at: new Date(Date.now()).toISOString(),
    actor,
    correlationId,
  };
}

/** The session rule: decisions only once the meeting is in session and quorate. */
function refuseOutOfSession(run: MeetingRun): void {
  const session = {
    scheduledFor: run.input.scheduledFor,
    inSessionSince: run.inSessionSince,
    attendees: [...run.attendees.values()],
    chairs: [...run.chairs],
  };
  refuseUnless(checkSession(session, run.regionForces, run.settings));
}

/**
 * The item as a decision finds it: a new item decided urgently since the freeze is one this meeting ratifies
 * (the next of its type after that decision), not one it can decide again.
 */
function asDecided(
  item: AgendaItem | undefined,
  urgentlyDecided: Map<string, MeetingDecision>,
): AgendaItem | undefined {
  const urgentDecision = item?.kind === 'NEW' ? urgentlyDecided.get(item.referralId) : undefined;
  return item && urgentDecision ? { ...item, kind: 'RATIFICATION', urgentDecision } : item;
}

/**
 * The item check: ratifications are outside the ranking, so they never count as passed over. `current`
 * applies the rules added since (always in the validator; in the handler only where the patch holds, so
 * decisions in older histories replay as they were taken).
 */
function checkDecision(run: MeetingRun, command: DecisionCommand, current: CurrentRules) {
  const { agenda, decisions, attendees } = run;
  const urgentlyDecided = new Map(
    current.urgentlyDecided
      ? (command.urgentlyDecided ?? []).map((each) => [each.referralId, each.urgentDecision])
      : [],
  );
  // Ratified here already: outside the ranking even once the read model no longer shows it awaiting ratification.
  const ratifiedHere = new Set([...decisions].flatMap(([id, made]) => (made.ratification ? [id] : [])));
  const item = asDecided(
    agenda.find((candidate) => candidate.referralId === command.referralId),
    urgentlyDecided,
  );
  const settled = new Set(command.settledElsewhere ?? []);
  const ranked = agenda
    .filter(
      (candidate) =>
        candidate.kind === 'NEW' &&
        !urgentlyDecided.has(candidate.referralId) &&
        !ratifiedHere.has(candidate.referralId),
    )
    .map((candidate) => ({ ...candidate, settledElsewhere: settled.has(candidate.referralId) }));
  const outcomes = new Map<string, ItemOutcome>([...decisions].map(([id, made]) => [id, made.decision]));
  const conflicts = new Map([...attendees.values()].map((attendee) => [attendee.sub, attendee.conflicts]));
  const check = checkMeetingDecision(record(run), {
    agenda: item?.kind === 'RATIFICATION' ? [{ referralId: item.referralId, rank: 1 }] : ranked,
    outcomes,
    conflicts,
    actor: command.actor,
    referralId: command.referralId,
    decision: command.decision,
    deviationJustification: command.deviationJustification,
  });
  refuseUnless(check);
  const listed = item as AgendaItem;
  const urgentDecision = listed.urgentDecision as MeetingDecision | undefined;
  const ratified = {
    referralId: listed.referralId,
    urgentDecision: listed.kind === 'RATIFICATION' ? urgentDecision : null,
  };
  if (current.session) refuseOutOfSession(run);
  if (current.ratification) refuseUnless(checkRatification(ratified, command.ratification, command.decision));
  const unjustified = current.nationalDecline
    ? nationalDeclineRefusal(listed, command.decision, command.declineJustification)
    : null;
  if (unjustified) refuseUnless({ ok: false, refusal: 'DECLINE_NEEDS_JUSTIFICATION', reason: unjustified.message });
  return { item: listed, urgentDecision, passedOver: check.passedOver };
}

/** Whether the decision is on an NCA tasking request (only those histories carry the decline patch). */
const listedNationalTasking = (run: MeetingRun, command: DecisionCommand): boolean =>
  run.agenda.some((item) => item.referralId === command.referralId && item.origin === 'NCA_TASKING');

function raiseFailure(
  run: MeetingRun,
  stage: MeetingFailure['stage'],
  failedSeq: number,
  message: string,
  referralId?: string,
) {
  return raiseMeetingFailure({
    meetingId: run.input.meetingId,
    seq: failedSeq,
    region: run.input.region,
    stage,
    message,
    at: new Date(Date.now()).toISOString(),
    ...(referralId ? { referralId } : {}),
  });
}

/** The minutes' record of a decision that passed the checks. */
function decisionRecord(command: DecisionCommand, checked: ReturnType<typeof checkDecision>): DecisionRecord {
  const { item, urgentDecision, passedOver } = checked;
  return {
    referralId: command.referralId,
    decision: command.decision,
    rationale: command.rationale,
    ...(command.deviationJustification ? { deviationJustification: command.deviationJustification } : {}),
    ...(command.declineJustification ? { declineJustification: command.declineJustification } : {}),
    ...(command.onwardReference ? { onwardReference: command.onwardReference } : {}),
    passedOver,
    decidedBy: { sub: command.actor.sub, name: command.actor.name },
    decidedAt: new Date(Date.now()).toISOString(),
    ratification: item.kind === 'RATIFICATION',
    ...(command.ratification ? { ratificationOutcome: command.ratification } : {}),
    ...(command.ratification === 'OVERTURN' ? { overturned: urgentDecision } : {}),
  };
}

/** The snapshot query, opening and attendance (registered in this order). */
function registerOpeningHandlers(run: MeetingRun, created: Promise<unknown>): void {
  setHandler(meetingSnapshotQuery, () => snapshot(run));
  setHandler(openMeetingUpdate, async () => {
    await created;
    return snapshot(run);
  });

  setHandler(
    recordAttendanceUpdate,
    async (command) => {
      // A sub not recorded is already off the record (a repeat removes nobody twice); one also listed stays.
      const listed = new Set(command.attendees.map((attendee) => attendee.sub));
      const removed = (command.removed ?? [])
        .filter((sub) => !listed.has(sub))
        .flatMap((sub) => run.attendees.get(sub) ?? []);
      for (const attendee of removed) run.attendees.delete(attendee.sub);
      for (const attendee of command.attendees) run.attendees.set(attendee.sub, attendee);
      run.chairs.add(command.actor.sub);
      const now = new Date(Date.now());
      if (run.inSessionSince === null && opensSession(run.input.scheduledFor, now, run.settings))
        run.inSessionSince = now.toISOString();
      await projectAttendance({
        ...nextEvent(run, command.actor, command.correlationId),
        attendees: command.attendees,
        ...(removed.length > 0 && { removed }),
      });
      return snapshot(run);
    },
    {
      validator: (command: AttendanceCommand) => {
        allow(run, 'RECORD_ATTENDANCE', command.actor);
        refuseUnless(checkAttendanceRemoval(run.decisions.size + run.decisionsInFlight, command.removed ?? []));
        // The API checks the size against the read model; this catches two changes at once (validators are not
        // replayed, so no patch is needed).
        refuseUnless(checkAttendanceSize([...run.attendees.keys()], command));
      },
    },
  );
}

/** Each decision goes to the referral's workflow before the minutes record it. */
function registerDecisionHandler(run: MeetingRun): void {
  setHandler(
    decideItemUpdate,
    async (command) => {
      const checked = checkDecision(run, command, {
        ratification: patched(RATIFY_OR_OVERTURN_PATCH),
        session: patched(DECISIONS_IN_SESSION_PATCH),
        nationalDecline: listedNationalTasking(run, command) && patched(NATIONAL_DECLINE_PATCH),
        urgentlyDecided: (command.urgentlyDecided?.length ?? 0) > 0 && patched(URGENTLY_DECIDED_PATCH),
      });
      const decided = decisionRecord(command, checked);
      // Recorded before the await so a concurrent decision is checked against it (and cannot duplicate it).
      run.decisions.set(command.referralId, decided);
      run.decisionsInFlight += 1;
      const event = nextEvent(run, command.actor, command.correlationId);
      try {
        await applyDecision({ ...event, decision: decided, region: run.input.region });
      } catch (error) {
        if (unprojectable(error)) {
          // The referral took the decision but the minutes cannot record it: keep it, and raise it.
          await raiseFailure(run, 'DECISION', event.seq, error.cause.message, command.referralId);
          return decided;
        }
        run.decisions.delete(command.referralId);
        // The referral refused (e.g. it was withdrawn after the agenda froze): pass its reason on.
        if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
          throw ApplicationFailure.create({
            type: error.cause.type ?? undefined,
            message: error.cause.message,
            nonRetryable: true,
          });
        }
        throw error;
      } finally {
        run.decisionsInFlight -= 1;
      }
      return decided;
    },
    {
      validator: (command: DecisionCommand) =>
        void checkDecision(run, command, {
          ratification: true,
          session: true,
          nationalDecline: true,
          urgentlyDecided: true,
        }),
    },
  );
}

function registerCloseHandler(run: MeetingRun): void {
  setHandler(
    closeMeetingUpdate,
    async (command) => {
      run.status = 'CLOSED'; // refuses new decisions at once
      // A decision still reaching its referral may yet be refused: wait, so "undecided" is the truth.
      await condition(() => run.decisionsInFlight === 0);
      const settled = new Set(command.settledElsewhere ?? []);
      const open = run.agenda.filter((item) => !run.decisions.has(item.referralId)).map((item) => item.referralId);
      await projectMeetingClosed({
        ...nextEvent(run, command.actor, command.correlationId),
        undecided: open.filter((referralId) => !settled.has(referralId)),
        ...(settled.size > 0 ? { settledElsewhere: open.filter((referralId) => settled.has(referralId)) } : {}),
        remarks: command.remarks,
      });
      return snapshot(run);
    },
    { validator: (command: CloseCommand) => allow(run, 'CLOSE', command.actor) },
  );
}

/** At the paper cut-off the agenda is ranked and frozen. */
async function freezeAgendaAtCutOff(run: MeetingRun): Promise<void> {
  const { input } = run;
  const untilCutOff = new Date(input.papersCloseAt).getTime() - Date.now();
  if (untilCutOff > 0) await sleep(untilCutOff);
  const freeze = nextEvent(run, null);
  run.agenda = await freezeAgenda({ ...freeze, region: input.region, type: input.type }).catch(
    async (error: unknown) => {
      // Items that cannot be listed are left off by the freeze itself; this is the whole freeze failing.
      if (!unprojectable(error)) throw error;
      await raiseFailure(run, 'FREEZE', freeze.seq, error.cause.message);
      return [];
    },
  );
  run.status = 'AGENDA_FROZEN';
}

/**
 * One TTCG or covert commissioning meeting. Until the paper cut-off the agenda is provisional (read live
 * from assessments); at the cut-off it is ranked and frozen. The chair's attendance record, decisions and
 * close arrive as Updates validated by the pure meeting rules; each decision is sent to the referral's own
 * workflow before it is recorded. Undecided items stay awaiting decision, so the next meeting lists them.
 */
export async function meetingWorkflow(input: MeetingWorkflowInput): Promise<void> {
  const run = startMeetingRun(input);
  const created = projectMeetingCreated({ ...input, at: new Date(Date.now()).toISOString() });
  registerOpeningHandlers(run, created);
  registerDecisionHandler(run);
  registerCloseHandler(run);

  await created;
  await freezeAgendaAtCutOff(run);
  await condition(() => run.status === 'CLOSED');
  await condition(allHandlersFinished);
}
