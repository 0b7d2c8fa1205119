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

const {
  projectMeetingCreated,
  freezeAgenda,
  projectAttendance,
  applyDecision,
  projectMeetingClosed,
  raiseMeetingFailure,
} = proxyActivities<MeetingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
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

function refuseUnless(check: MeetingCheck): void {
  if (!check.ok) throw ApplicationFailure.create({ type: check.refusal, message: check.reason, nonRetryable: true });
}

/**
 * One TTCG or covert commissioning meeting. Until the paper cut-off the agenda is provisional (read live
 * from assessments); at the cut-off it is ranked and frozen. The chair's attendance record, decisions and
 * close arrive as Updates validated by the pure meeting rules; each decision is sent to the referral's own
 * workflow before it is recorded. Undecided items stay awaiting decision, so the next meeting lists them.
 */
export async function meetingWorkflow(input: MeetingWorkflowInput): Promise<void> {
  let status = 'SCHEDULED' as MeetingStatus;
  let seq = 0;
  let agenda: AgendaItem[] = [];
  const attendees = new Map<string, Attendee>();
  const decisions = new Map<string, DecisionRecord>();
  let decisionsInFlight = 0;
  let inSessionSince: string | null = null;
  /** The chairs who recorded attendance. */
  const chairs = new Set<string>();
  const settings = input.settings ?? DEFAULT_MEETING_SETTINGS;
  const regionForces = findRegion(input.region)?.forces ?? [];

  const record = (): MeetingRecord => ({
    id: input.meetingId,
    region: input.region,
    type: input.type,
    status,
    chairSub: null,
  });
  const snapshot = (): MeetingSnapshot => ({
    meetingId: input.meetingId,
    status,
    agenda,
    attendees: [...attendees.values()],
    decisions: [...decisions.values()],
    seq,
    ...(inSessionSince ? { inSessionSince } : {}),
  });
  const allow = (action: MeetingAction, actor: Actor) => refuseUnless(checkMeetingAction(record(), action, actor));
  const nextEvent = (actor: Actor | null, correlationId?: string) => ({
    meetingId: input.meetingId,
    seq: ++seq,
    at: new Date(Date.now()).toISOString(),
    actor,
    correlationId,
  });

  /**
   * The item check: ratifications are outside the ranking, so they never count as passed over. `current`
   * applies the rules added since (always in the validator; in the handler only where the patch holds, so
   * decisions in older histories replay as they were taken).
   */
  const checkDecision = (
    command: DecisionCommand,
    current: { ratification: boolean; session: boolean; nationalDecline: boolean },
  ) => {
    const item = agenda.find((candidate) => candidate.referralId === command.referralId);
    const ranked = agenda.filter((candidate) => candidate.kind === 'NEW');
    const outcomes = new Map<string, ItemOutcome>([...decisions].map(([id, made]) => [id, made.decision]));
    const conflicts = new Map([...attendees.values()].map((attendee) => [attendee.sub, attendee.conflicts]));
    const check = checkMeetingDecision(record(), {
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
    if (current.session) {
      const session = {
        scheduledFor: input.scheduledFor,
        inSessionSince,
        attendees: [...attendees.values()],
        chairs: [...chairs],
      };
      refuseUnless(checkSession(session, regionForces, settings));
    }
    if (current.ratification) refuseUnless(checkRatification(ratified, command.ratification, command.decision));
    const unjustified = current.nationalDecline
      ? nationalDeclineRefusal(listed, command.decision, command.declineJustification)
      : null;
    if (unjustified) refuseUnless({ ok: false, refusal: 'DECLINE_NEEDS_JUSTIFICATION', reason: unjustified.message });
    return { item: listed, urgentDecision, passedOver: check.passedOver };
  };

  /** Whether the decision is on an NCA tasking request (only those histories carry the decline patch). */
  const listedNationalTasking = (command: DecisionCommand): boolean =>
    agenda.some((item) => item.referralId === command.referralId && item.origin === 'NCA_TASKING');

  const raiseFailure = (stage: MeetingFailure['stage'], failedSeq: number, message: string, referralId?: string) =>
    raiseMeetingFailure({
      meetingId: input.meetingId,
      seq: failedSeq,
      region: input.region,
      stage,
      message,
      at: new Date(Date.now()).toISOString(),
      ...(referralId ? { referralId } : {}),
    });

  const created = projectMeetingCreated({ ...input, at: new Date(Date.now()).toISOString() });

  setHandler(meetingSnapshotQuery, snapshot);
  setHandler(openMeetingUpdate, async () => {
    await created;
    return snapshot();
  });

  setHandler(
    recordAttendanceUpdate,
    async (command) => {
      for (const attendee of command.attendees) attendees.set(attendee.sub, attendee);
      chairs.add(command.actor.sub);
      const now = new Date(Date.now());
      if (inSessionSince === null && opensSession(input.scheduledFor, now, settings))
        inSessionSince = now.toISOString();
      await projectAttendance({ ...nextEvent(command.actor, command.correlationId), attendees: command.attendees });
      return snapshot();
    },
    { validator: (command: AttendanceCommand) => allow('RECORD_ATTENDANCE', command.actor) },
  );

  setHandler(
    decideItemUpdate,
    async (command) => {
      const { item, urgentDecision, passedOver } = checkDecision(command, {
        ratification: patched(RATIFY_OR_OVERTURN_PATCH),
        session: patched(DECISIONS_IN_SESSION_PATCH),
        nationalDecline: listedNationalTasking(command) && patched(NATIONAL_DECLINE_PATCH),
      });
      const decided: DecisionRecord = {
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
      // Recorded before the await so a concurrent decision is checked against it (and cannot duplicate it).
      decisions.set(command.referralId, decided);
      decisionsInFlight += 1;
      const event = nextEvent(command.actor, command.correlationId);
      try {
        await applyDecision({ ...event, decision: decided, region: input.region });
      } catch (error) {
        if (unprojectable(error)) {
          // The referral took the decision but the minutes cannot record it: keep it, and raise it.
          await raiseFailure('DECISION', event.seq, error.cause.message, command.referralId);
          return decided;
        }
        decisions.delete(command.referralId);
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
        decisionsInFlight -= 1;
      }
      return decided;
    },
    {
      validator: (command: DecisionCommand) =>
        void checkDecision(command, { ratification: true, session: true, nationalDecline: true }),
    },
  );

  setHandler(
    closeMeetingUpdate,
    async (command) => {
      status = 'CLOSED'; // refuses new decisions at once
      // A decision still reaching its referral may yet be refused: wait, so "undecided" is the truth.
      await condition(() => decisionsInFlight === 0);
      const undecided = agenda.filter((item) => !decisions.has(item.referralId)).map((item) => item.referralId);
      await projectMeetingClosed({
        ...nextEvent(command.actor, command.correlationId),
        undecided,
        remarks: command.remarks,
      });
      return snapshot();
    },
    { validator: (command: CloseCommand) => allow('CLOSE', command.actor) },
  );

  await created;
  const untilCutOff = new Date(input.papersCloseAt).getTime() - Date.now();
  if (untilCutOff > 0) await sleep(untilCutOff);
  const freeze = nextEvent(null);
  agenda = await freezeAgenda({ ...freeze, region: input.region, type: input.type }).catch(async (error: unknown) => {
    // Items that cannot be listed are left off by the freeze itself; this is the whole freeze failing.
    if (!unprojectable(error)) throw error;
    await raiseFailure('FREEZE', freeze.seq, error.cause.message);
    return [];
  });
  status = 'AGENDA_FROZEN';

  await condition(() => status === 'CLOSED');
  await condition(allHandlersFinished);
}
