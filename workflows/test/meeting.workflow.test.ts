import { Client, WithStartWorkflowOperation, WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Actor, DEFAULT_MEETING_SETTINGS, MeetingDecision, Priority, rankAgendaItems } from '@rocu/domain';
import {
  AgendaItem,
  Attendee,
  closeMeetingUpdate,
  decideItemUpdate,
  DecisionCommand,
  DecisionRecord,
  MEETING_SCHEDULE_WORKFLOW_TYPE,
  MEETING_WORKFLOW_TYPE,
  MeetingActivities,
  meetingRecurrenceSignal,
  MeetingScheduleInput,
  meetingScheduleWorkflowId,
  meetingSnapshotQuery,
  MeetingSnapshot,
  meetingWorkflowId,
  MeetingWorkflowInput,
  openMeetingUpdate,
  recordAttendanceUpdate,
  UNPROJECTABLE_FAILURE,
} from '@rocu/contracts';
import { recordHistory, refusal } from './support/histories';
import { startWorkflowTestHarness, WorkflowTestHarness } from './support/workflow-test-harness';
import { eventually, ms, sleep } from './support/waiting';

/**
 * meetingWorkflow and meetingScheduleWorkflow against the real Temporal dev server, with in-memory activities
 * that record their calls (freezeAgenda returns a fixed ranked agenda; applyDecision can be told to refuse a
 * referral). With RECORD_HISTORIES=1 each scenario's event history is written to workflows/test/histories/
 * for the replay test (replay.test.ts).
 */

const RUN = `${Date.now().toString(36)}-${process.pid}`;
const TASK_QUEUE = `meeting-workflow-test-${RUN}`;

const REGION = 'YHROCU';
/** The schedule test uses its own region so its meetings are told apart from the ones started here. */
const SCHEDULE_REGION = 'ERSOU';
/** Papers close this long after a test meeting starts: long enough to act before the cut-off, short to wait. */
const CUT_OFF_MS = 1500;

const chair: Actor = { sub: 'u-chair', name: 'Clare Chair', roles: ['TTCG_CHAIR'], org: REGION, region: REGION };
const deputy: Actor = { sub: 'u-deputy', name: 'Dev Deputy', roles: ['TTCG_CHAIR'], org: REGION, region: REGION };
const foreignChair: Actor = {
  sub: 'u-foreign-chair',
  name: 'Fern Foreign',
  roles: ['TTCG_CHAIR'],
  org: 'NWROCU',
  region: 'NWROCU',
};

/** Members for two of the region's four forces: with the chair, a quorum. */
const wypMember: Actor = { sub: 'u-wyp', name: 'Wyn Member', roles: ['TTCG_MEMBER'], org: 'WYP', region: REGION };
const sypMember: Actor = { sub: 'u-syp', name: 'Syd Member', roles: ['TTCG_MEMBER'], org: 'SYP', region: REGION };

/** Referral ids on every test meeting's agenda. */
const RANK_1 = 'ref-rank-1';
const RANK_2 = 'ref-rank-2';
const RANK_3 = 'ref-rank-3';
const RATIFY = 'ref-ratify';

/** The NEW items, deliberately out of order: rankAgendaItems puts them in agenda order (priority, then risk). */
const NEW_ITEMS: { referralId: string; priority: Priority; riskScore: number; listedAt: string }[] = [
  { referralId: RANK_3, priority: 'P3', riskScore: 12.5, listedAt: '2026-01-05T09:00:00.000Z' },
  { referralId: RANK_1, priority: 'P1', riskScore: 31.0, listedAt: '2026-01-07T09:00:00.000Z' },
  { referralId: RANK_2, priority: 'P2', riskScore: 21.2, listedAt: '2026-01-06T09:00:00.000Z' },
];

const agendaItem = (
  item: { referralId: string; priority: Priority; riskScore: number; listedAt: string },
  kind: AgendaItem['kind'],
  rank: number,
): AgendaItem => ({
  referralId: item.referralId,
  reference: `YH-MTG-${item.referralId}`,
  kind,
  rank,
  priority: item.priority,
  riskScore: item.riskScore,
  breakdown: { harm: item.riskScore },
  deferrals: 0,
  ownerOrg: 'WYP',
  classification: 'OFFICIAL',
  listedAt: item.listedAt,
  ...(kind === 'RATIFICATION' ? { urgentDecision: 'ADOPT_ROCU_LEAD' } : {}),
  // Rank 3 is a tasking request the NCA made (issue 16): declining it needs a justification.
  ...(item.referralId === RANK_3 ? { origin: 'NCA_TASKING' as const, nationalPriority: 'FIREARMS' } : {}),
});

/** The frozen agenda every fake freezeAgenda returns: the ratification (rank 0) first, then ranks 1..3. */
const AGENDA: AgendaItem[] = [
  agendaItem(
    { referralId: RATIFY, priority: 'P1', riskScore: 40, listedAt: '2026-01-08T09:00:00.000Z' },
    'RATIFICATION',
    0,
  ),
  ...rankAgendaItems(NEW_ITEMS).map((item) => agendaItem(item, 'NEW', item.rank)),
];

type ActivityInput<K extends keyof MeetingActivities> = Parameters<MeetingActivities[K]>[0];

/** In-memory meeting activities: record every call; applyDecision refuses the referrals it is told to. */
class RecordingMeetingActivities {
  readonly created: ActivityInput<'projectMeetingCreated'>[] = [];
  readonly freezes: ActivityInput<'freezeAgenda'>[] = [];
  readonly attendance: ActivityInput<'projectAttendance'>[] = [];
  readonly decisions: ActivityInput<'applyDecision'>[] = [];
  readonly closes: ActivityInput<'projectMeetingClosed'>[] = [];
  readonly failures: ActivityInput<'raiseMeetingFailure'>[] = [];
  /** Meetings whose agenda freeze fails as no retry can cure. */
  readonly unfreezable = new Set<string>();
  /** `${meetingId} ${referralId}` -> failure type applyDecision throws (non-retryable). */
  private readonly refusals = new Map<string, string>();
  /** `${meetingId} ${referralId}` -> a gate applyDecision waits on before answering. */
  private readonly holds = new Map<string, Promise<void>>();

  readonly implementation: MeetingActivities = {
    projectMeetingCreated: async (input) => {
      this.created.push(input);
    },
    freezeAgenda: async (event) => {
      this.freezes.push(event);
      if (this.unfreezable.has(event.meetingId)) {
        throw ApplicationFailure.create({ type: UNPROJECTABLE_FAILURE, message: 'planted', nonRetryable: true });
      }
      return structuredClone(AGENDA);
    },
    projectAttendance: async (event) => {
      this.attendance.push(event);
    },
    applyDecision: async (event) => {
      this.decisions.push(event);
      await this.holds.get(`${event.meetingId} ${event.decision.referralId}`);
      const type = this.refusals.get(`${event.meetingId} ${event.decision.referralId}`);
      if (type !== undefined) {
        throw ApplicationFailure.create({
          type,
          message: `Referral ${event.decision.referralId} refuses the decision: it was withdrawn`,
          nonRetryable: true,
        });
      }
    },
    projectMeetingClosed: async (event) => {
      this.closes.push(event);
    },
    raiseMeetingFailure: async (failure) => {
      this.failures.push(failure);
    },
  };

  refuse(meetingId: string, referralId: string, type: string): void {
    this.refusals.set(`${meetingId} ${referralId}`, type);
  }

  stopRefusing(meetingId: string, referralId: string): void {
    this.refusals.delete(`${meetingId} ${referralId}`);
  }

  /** Makes applyDecision for this item wait until the returned function is called. */
  hold(meetingId: string, referralId: string): () => void {
    let release = (): void => undefined;
    this.holds.set(
      `${meetingId} ${referralId}`,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => {
      this.holds.delete(`${meetingId} ${referralId}`);
      release();
    };
  }

  createdFor(meetingId: string): ActivityInput<'projectMeetingCreated'>[] {
    return this.created.filter((call) => call.meetingId === meetingId);
  }

  freezesFor(meetingId: string): ActivityInput<'freezeAgenda'>[] {
    return this.freezes.filter((call) => call.meetingId === meetingId);
  }

  attendanceFor(meetingId: string): ActivityInput<'projectAttendance'>[] {
    return this.attendance.filter((call) => call.meetingId === meetingId);
  }

  decisionsFor(meetingId: string, referralId?: string): ActivityInput<'applyDecision'>[] {
    return this.decisions.filter(
      (call) => call.meetingId === meetingId && (referralId === undefined || call.decision.referralId === referralId),
    );
  }

  closesFor(meetingId: string): ActivityInput<'projectMeetingClosed'>[] {
    return this.closes.filter((call) => call.meetingId === meetingId);
  }

  failuresFor(meetingId: string): ActivityInput<'raiseMeetingFailure'>[] {
    return this.failures.filter((call) => call.meetingId === meetingId);
  }
}

const activities = new RecordingMeetingActivities();
let harness: WorkflowTestHarness | undefined;
let client: Client;

beforeAll(async () => {
  harness = await startWorkflowTestHarness(TASK_QUEUE, activities.implementation);
  client = harness.client;
});

afterAll(async () => {
  await harness?.close();
});

interface StartedMeeting {
  meetingId: string;
  input: MeetingWorkflowInput;
  handle: WorkflowHandle;
  opened: MeetingSnapshot;
}

/** Arranges a meeting exactly as the API does: openMeeting update-with-start; papers close CUT_OFF_MS later. */
async function startMeeting(scenario: string, scheduledInMs = 60_000, cutOffMs = CUT_OFF_MS): Promise<StartedMeeting> {
  const meetingId = `wft-${scenario}-${RUN}`;
  const now = Date.now();
  const input: MeetingWorkflowInput = {
    meetingId,
    region: REGION,
    type: 'TTCG',
    scheduledFor: new Date(now + scheduledInMs).toISOString(),
    papersCloseAt: new Date(now + cutOffMs).toISOString(),
    requestedBy: chair,
  };
  const startWorkflowOperation = new WithStartWorkflowOperation(MEETING_WORKFLOW_TYPE, {
    workflowId: meetingWorkflowId(meetingId),
    taskQueue: TASK_QUEUE,
    workflowIdConflictPolicy: 'FAIL',
    args: [input],
  });
  const opened = await client.workflow.executeUpdateWithStart(openMeetingUpdate, {
    args: [{ actor: chair, correlationId: `corr-open-${scenario}` }],
    startWorkflowOperation,
  });
  return { meetingId, input, handle: await startWorkflowOperation.workflowHandle(), opened };
}

/** Waits for the paper cut-off to freeze the agenda. */
async function frozen(meeting: StartedMeeting): Promise<MeetingSnapshot> {
  return eventually(
    () => meeting.handle.query(meetingSnapshotQuery),
    (snapshot) => snapshot.status === 'AGENDA_FROZEN',
    `meeting ${meeting.meetingId} to freeze its agenda`,
  );
}

const decide = (
  handle: WorkflowHandle,
  actor: Actor,
  referralId: string,
  decision: MeetingDecision,
  extra: Partial<DecisionCommand> = {},
): Promise<DecisionRecord> =>
  handle.executeUpdate(decideItemUpdate, {
    args: [
      { actor, referralId, decision, rationale: `${decision} ${referralId}: necessary and proportionate`, ...extra },
    ],
  });

const attendee = (actor: Actor, conflicts: string[] = []): Attendee => ({
  sub: actor.sub,
  name: actor.name,
  org: actor.org,
  conflicts,
});

/** Records a quorate attendance (the chair, the deputy and two forces' members): the meeting is in session. */
const inSession = (handle: WorkflowHandle): Promise<MeetingSnapshot> =>
  handle.executeUpdate(recordAttendanceUpdate, {
    args: [{ actor: chair, attendees: [chair, deputy, wypMember, sypMember].map((actor) => attendee(actor)) }],
  });

describe('meetingWorkflow (real dev server, recorded activities)', () => {
  it('builds the fixed agenda in rank order', () => {
    expect(AGENDA.map((item) => [item.referralId, item.kind, item.rank])).toEqual([
      [RATIFY, 'RATIFICATION', 0],
      [RANK_1, 'NEW', 1],
      [RANK_2, 'NEW', 2],
      [RANK_3, 'NEW', 3],
    ]);
  });

  it('stays SCHEDULED until the paper cut-off, refusing decisions but taking attendance, then freezes the agenda once', async () => {
    // Several steps must land before papers close: a window that stays open on a loaded machine.
    const meeting = await startMeeting('cut-off', 60_000, 8_000);
    const { meetingId, handle, input } = meeting;

    // openMeeting answers once the meeting is in the read model.
    expect(meeting.opened).toEqual({
      meetingId,
      status: 'SCHEDULED',
      agenda: [],
      attendees: [],
      decisions: [],
      seq: 0,
    });
    expect(activities.createdFor(meetingId)).toEqual([{ ...input, at: expect.any(String) }]);

    const early = await refusal(() => decide(handle, chair, RANK_1, 'DEFER'));
    expect(early.type).toBe('NOT_ALLOWED_IN_STATE');
    expect(early.nonRetryable).toBe(true);
    expect(early.message).toContain('SCHEDULED');
    const earlyClose = await refusal(() => handle.executeUpdate(closeMeetingUpdate, { args: [{ actor: chair }] }));
    expect(earlyClose.type).toBe('NOT_ALLOWED_IN_STATE');
    // Role is checked before state: a chair of another region is refused for who they are.
    const foreign = await refusal(() => decide(handle, foreignChair, RANK_1, 'DEFER'));
    expect(foreign.type).toBe('ROLE_NOT_ALLOWED');

    const attended = await handle.executeUpdate(recordAttendanceUpdate, {
      args: [{ actor: chair, correlationId: 'corr-attendance', attendees: [attendee(chair), attendee(deputy)] }],
    });
    expect(attended.status).toBe('SCHEDULED');
    expect(attended.attendees).toEqual([attendee(chair), attendee(deputy)]);
    expect(attended.seq).toBe(1);
    expect(activities.attendanceFor(meetingId)).toEqual([
      expect.objectContaining({
        meetingId,
        seq: 1,
        actor: chair,
        correlationId: 'corr-attendance',
        attendees: [attendee(chair), attendee(deputy)],
      }),
    ]);

    const before = await handle.query(meetingSnapshotQuery);
    expect(before.status).toBe('SCHEDULED');
    expect(before.agenda).toEqual([]);
    expect(activities.freezesFor(meetingId)).toEqual([]);
    expect(Date.now()).toBeLessThan(ms(input.papersCloseAt));

    const after = await frozen(meeting);
    expect(after.agenda).toEqual(AGENDA);
    expect(after.seq).toBe(2);
    const freezes = activities.freezesFor(meetingId);
    expect(freezes).toEqual([{ meetingId, seq: 2, at: expect.any(String), actor: null, region: REGION, type: 'TTCG' }]);
    expect(ms(freezes[0]?.at)).toBeGreaterThanOrEqual(ms(input.papersCloseAt));

    // Frozen once: nothing re-ranks the agenda later.
    await sleep(500);
    expect(activities.freezesFor(meetingId)).toHaveLength(1);
    expect(activities.decisionsFor(meetingId)).toEqual([]);

    await recordHistory('meeting-cut-off', handle);
  });

  it('refuses an attendance change that would take the meeting past 200 people, but not one that shrinks it', async () => {
    const { handle } = await startMeeting('attendance-size');
    const guests = (from: number, count: number): Attendee[] =>
      Array.from({ length: count }, (_, index) => ({
        sub: `guest-${from + index}`,
        name: 'Guest',
        org: 'WYP',
        conflicts: [],
      }));
    const record = (attendees: Attendee[], removed?: string[]) =>
      handle.executeUpdate(recordAttendanceUpdate, {
        args: [{ actor: chair, attendees, ...(removed && { removed }) }],
      });
    expect((await record(guests(0, 200))).attendees).toHaveLength(200);
    const over = await refusal(() => record(guests(200, 1)));
    expect(over.type).toBe('NOT_ALLOWED_IN_STATE');
    expect(over.message).toContain('at most 200 people; this would make 201');
    // Listed again, people count once; one in and one out keeps it at the bound.
    expect((await record([...guests(0, 5), ...guests(200, 1)], ['guest-7'])).attendees).toHaveLength(200);
  });

  it('decides items by the rules: deviations need a justification, recused chairs give way, ratifications stand apart', async () => {
    const meeting = await startMeeting('decisions');
    const { meetingId, handle } = meeting;
    // The chair declares a conflict on rank 2 when attendance is taken.
    await handle.executeUpdate(recordAttendanceUpdate, {
      args: [
        {
          actor: chair,
          attendees: [attendee(chair, [RANK_2]), attendee(deputy), attendee(wypMember), attendee(sypMember)],
        },
      ],
    });
    await frozen(meeting);

    const deferred = await decide(handle, chair, RANK_1, 'DEFER', { correlationId: 'corr-defer' });
    expect(deferred).toEqual({
      referralId: RANK_1,
      decision: 'DEFER',
      rationale: expect.any(String),
      passedOver: [],
      decidedBy: { sub: chair.sub, name: chair.name },
      decidedAt: expect.any(String),
      ratification: false,
    });

    const unjustified = await refusal(() => decide(handle, chair, RANK_3, 'ADOPT_ROCU_LEAD'));
    expect(unjustified.type).toBe('DEVIATION_NEEDS_JUSTIFICATION');
    expect(unjustified.message).toContain(RANK_1);
    expect(unjustified.message).toContain(RANK_2);
    const blank = await refusal(() =>
      decide(handle, chair, RANK_3, 'ADOPT_ROCU_LEAD', { deviationJustification: '   ' }),
    );
    expect(blank.type).toBe('DEVIATION_NEEDS_JUSTIFICATION');
    expect(activities.decisionsFor(meetingId, RANK_3)).toEqual([]);

    const adopted = await decide(handle, chair, RANK_3, 'ADOPT_ROCU_LEAD', {
      deviationJustification: 'Firearms supply imminent; rank 1 awaits a partner product',
    });
    expect(adopted).toMatchObject({
      referralId: RANK_3,
      decision: 'ADOPT_ROCU_LEAD',
      deviationJustification: 'Firearms supply imminent; rank 1 awaits a partner product',
      ratification: false,
    });
    // Ranks 1 (deferred) and 2 (undecided) are passed over; the undecided ratification (rank 0) is not.
    expect(adopted.passedOver).toEqual([
      { referralId: RANK_1, rank: 1, outcome: 'DEFER' },
      { referralId: RANK_2, rank: 2, outcome: 'UNDECIDED' },
    ]);

    const recused = await refusal(() => decide(handle, chair, RANK_2, 'DECLINE_RETURN_TO_FORCE'));
    expect(recused.type).toBe('RECUSED');
    expect(activities.decisionsFor(meetingId, RANK_2)).toEqual([]);
    const byDeputy = await decide(handle, deputy, RANK_2, 'REFER_NATIONAL');
    expect(byDeputy).toMatchObject({
      referralId: RANK_2,
      decision: 'REFER_NATIONAL',
      passedOver: [],
      decidedBy: { sub: deputy.sub, name: deputy.name },
      ratification: false,
    });

    const twice = await refusal(() => decide(handle, chair, RANK_1, 'ADOPT_SUPPORT_ONLY'));
    expect(twice.type).toBe('ALREADY_DECIDED');
    const notOnAgenda = await refusal(() => decide(handle, chair, 'ref-elsewhere', 'DEFER'));
    expect(notOnAgenda.type).toBe('NOT_ON_AGENDA');
    const foreign = await refusal(() => decide(handle, foreignChair, RATIFY, 'ADOPT_ROCU_LEAD'));
    expect(foreign.type).toBe('ROLE_NOT_ALLOWED');

    // Ratifying the urgent decision passes nothing over, although rank 1 is deferred.
    const ratified = await decide(handle, chair, RATIFY, 'ADOPT_ROCU_LEAD', { ratification: 'RATIFY' });
    expect(ratified).toMatchObject({
      referralId: RATIFY,
      ratification: true,
      ratificationOutcome: 'RATIFY',
      passedOver: [],
    });
    expect(ratified.overturned).toBeUndefined();
    expect(ratified.deviationJustification).toBeUndefined();
    const ratifiedTwice = await refusal(() => decide(handle, deputy, RATIFY, 'DEFER', { ratification: 'OVERTURN' }));
    expect(ratifiedTwice.type).toBe('ALREADY_DECIDED');

    // Only accepted decisions reached applyDecision, once each, in order, with the meeting's sequence.
    const applied = activities.decisionsFor(meetingId);
    expect(applied.map((call) => [call.seq, call.decision.referralId, call.decision.decision])).toEqual([
      [3, RANK_1, 'DEFER'],
      [4, RANK_3, 'ADOPT_ROCU_LEAD'],
      [5, RANK_2, 'REFER_NATIONAL'],
      [6, RATIFY, 'ADOPT_ROCU_LEAD'],
    ]);
    expect(applied.map((call) => call.decision)).toEqual([deferred, adopted, byDeputy, ratified]);
    expect(applied[0]).toMatchObject({ meetingId, region: REGION, actor: chair, correlationId: 'corr-defer' });
    expect(applied[2]?.actor).toEqual(deputy);

    const snapshot = await handle.query(meetingSnapshotQuery);
    expect(snapshot.status).toBe('AGENDA_FROZEN');
    expect(snapshot.seq).toBe(6);
    expect(snapshot.decisions).toEqual([deferred, adopted, byDeputy, ratified]);

    await recordHistory('meeting-decisions', handle);
  });

  it('ratifies or overturns an urgent decision, never decides it like a new item, and sends an overturn on', async () => {
    const meeting = await startMeeting('ratification');
    const { meetingId, handle } = meeting;
    await frozen(meeting);
    await inSession(handle);

    const plain = await refusal(() => decide(handle, chair, RATIFY, 'DECLINE_RETURN_TO_FORCE'));
    expect(plain.type).toBe('RATIFICATION_RULE');
    expect(plain.message).toContain('RATIFY that decision or OVERTURN it');
    const onNewItem = await refusal(() => decide(handle, chair, RANK_1, 'DEFER', { ratification: 'RATIFY' }));
    expect(onNewItem.type).toBe('RATIFICATION_RULE');
    const ratifyOther = await refusal(() => decide(handle, chair, RATIFY, 'DEFER', { ratification: 'RATIFY' }));
    expect(ratifyOther.message).toContain('OVERTURN');
    const overturnSame = await refusal(() =>
      decide(handle, chair, RATIFY, 'ADOPT_ROCU_LEAD', { ratification: 'OVERTURN' }),
    );
    expect(overturnSame.type).toBe('RATIFICATION_RULE');
    expect(activities.decisionsFor(meetingId)).toEqual([]);

    const overturned = await decide(handle, chair, RATIFY, 'DECLINE_RETURN_TO_FORCE', { ratification: 'OVERTURN' });
    expect(overturned).toMatchObject({
      referralId: RATIFY,
      decision: 'DECLINE_RETURN_TO_FORCE',
      ratification: true,
      ratificationOutcome: 'OVERTURN',
      overturned: 'ADOPT_ROCU_LEAD',
      passedOver: [],
    });
    expect(activities.decisionsFor(meetingId, RATIFY).map((call) => call.decision)).toEqual([overturned]);

    await recordHistory('meeting-ratification', handle);
  });

  it('ratifies or overturns a new item decided urgently since the freeze, outside the ranking, and decides it no other way', async () => {
    const meeting = await startMeeting('urgent-since-freeze');
    const { meetingId, handle } = meeting;
    await frozen(meeting);
    await inSession(handle);
    // After the cut-off the chair adopted rank 1 out of meeting; the API reads that for each decision.
    const urgentlyDecided = [{ referralId: RANK_1, urgentDecision: 'ADOPT_ROCU_LEAD' as const }];

    // Rank 1 is not passed over by adopting rank 2: it is this meeting's to ratify, not undecided business.
    const adopted = await decide(handle, chair, RANK_2, 'ADOPT_ROCU_LEAD', { urgentlyDecided });
    expect(adopted).toMatchObject({ referralId: RANK_2, passedOver: [], ratification: false });
    const plain = await refusal(() => decide(handle, chair, RANK_1, 'DEFER', { urgentlyDecided }));
    expect(plain.type).toBe('RATIFICATION_RULE');
    const overturned = await decide(handle, chair, RANK_1, 'DEFER', { urgentlyDecided, ratification: 'OVERTURN' });
    expect(overturned).toMatchObject({
      referralId: RANK_1,
      decision: 'DEFER',
      ratification: true,
      ratificationOutcome: 'OVERTURN',
      overturned: 'ADOPT_ROCU_LEAD',
      passedOver: [],
    });
    expect(activities.decisionsFor(meetingId, RANK_1).map((call) => call.decision)).toEqual([overturned]);
    // Overturned to a deferral here, it stays outside the ranking when a command no longer lists it.
    const below = await decide(handle, chair, RANK_3, 'ADOPT_ROCU_LEAD');
    expect(below).toMatchObject({ referralId: RANK_3, passedOver: [] });

    await recordHistory('meeting-urgent-since-freeze', handle);
  });

  it('decides only in session (attendance from an hour before) and with a quorum, naming what is missing', async () => {
    const early = await startMeeting('not-in-session', 2 * 3_600_000);
    await frozen(early);
    await inSession(early.handle); // two hours ahead: recorded, but the meeting is not in session yet
    const notYet = await refusal(() => decide(early.handle, chair, RANK_1, 'DEFER'));
    expect(notYet.type).toBe('NOT_IN_SESSION');
    expect(notYet.message).toContain(new Date(ms(early.input.scheduledFor) - 3_600_000).toISOString());
    expect((await early.handle.query(meetingSnapshotQuery)).inSessionSince).toBeUndefined();
    await early.handle.terminate('session test finished');

    const meeting = await startMeeting('quorum');
    const { meetingId, handle } = meeting;
    await frozen(meeting);
    const record = (actors: Actor[]) =>
      handle.executeUpdate(recordAttendanceUpdate, {
        args: [{ actor: chair, attendees: actors.map((actor) => attendee(actor)) }],
      });
    const opened = await record([wypMember]);
    expect(opened.inSessionSince).toEqual(expect.any(String));
    const noChair = await refusal(() => decide(handle, chair, RANK_1, 'DEFER'));
    expect(noChair.type).toBe('NOT_QUORATE');
    expect(noChair.message).toContain('no chair is recorded as attending (attendance taken by u-chair)');
    expect(noChair.message).toContain('1 attend (WYP; absent: HUM, NYP, SYP)');
    await record([chair]);
    const oneForce = await refusal(() => decide(handle, chair, RANK_1, 'DEFER'));
    expect(oneForce.type).toBe('NOT_QUORATE');
    expect(oneForce.message).not.toContain('chair');
    expect(activities.decisionsFor(meetingId)).toEqual([]);
    await record([sypMember]);
    expect(await decide(handle, chair, RANK_1, 'DEFER')).toMatchObject({ referralId: RANK_1, decision: 'DEFER' });

    await recordHistory('meeting-session', handle);
  });

  it("passes a referral's non-retryable refusal on as the update's failure and leaves the item undecided", async () => {
    const meeting = await startMeeting('refused-decision');
    const { meetingId, handle } = meeting;
    await frozen(meeting);
    await inSession(handle);
    activities.refuse(meetingId, RANK_1, 'REFERRAL_WITHDRAWN');

    const failed = await refusal(() => decide(handle, chair, RANK_1, 'ADOPT_ROCU_LEAD'));
    expect(failed.type).toBe('REFERRAL_WITHDRAWN');
    expect(failed.nonRetryable).toBe(true);
    expect(failed.message).toContain('withdrawn');
    expect(activities.decisionsFor(meetingId, RANK_1)).toHaveLength(1);

    const afterFailure = await handle.query(meetingSnapshotQuery);
    expect(afterFailure.decisions).toEqual([]);
    // Rank 1 is still undecided, so adopting rank 2 passes it over.
    const mustJustify = await refusal(() => decide(handle, chair, RANK_2, 'ADOPT_ROCU_LEAD'));
    expect(mustJustify.type).toBe('DEVIATION_NEEDS_JUSTIFICATION');
    expect(mustJustify.message).toContain(RANK_1);

    activities.stopRefusing(meetingId, RANK_1);
    const retried = await decide(handle, chair, RANK_1, 'DEFER');
    expect(retried).toMatchObject({ referralId: RANK_1, decision: 'DEFER', passedOver: [] });
    expect(activities.decisionsFor(meetingId, RANK_1).map((call) => call.decision.decision)).toEqual([
      'ADOPT_ROCU_LEAD',
      'DEFER',
    ]);
    expect((await handle.query(meetingSnapshotQuery)).decisions).toEqual([retried]);

    await recordHistory('meeting-refused-decision', handle);
  });

  it('declines an NCA tasking request only with a justification, and records it with the decision', async () => {
    const meeting = await startMeeting('national-decline');
    const { meetingId, handle } = meeting;
    await frozen(meeting);
    await inSession(handle);
    for (const declineJustification of [undefined, '  ']) {
      const unjustified = await refusal(() =>
        decide(handle, chair, RANK_3, 'DECLINE_RETURN_TO_FORCE', { declineJustification }),
      );
      expect(unjustified.type).toBe('DECLINE_NEEDS_JUSTIFICATION');
    }
    expect(activities.decisionsFor(meetingId)).toEqual([]);
    // An ordinary item is declined with its rationale alone.
    expect(await decide(handle, chair, RANK_2, 'DECLINE_RETURN_TO_FORCE')).toMatchObject({ referralId: RANK_2 });
    const declined = await decide(handle, chair, RANK_3, 'DECLINE_RETURN_TO_FORCE', {
      declineJustification: 'Surveillance committed to two threats to life',
    });
    expect(declined.declineJustification).toBe('Surveillance committed to two threats to life');
    expect(activities.decisionsFor(meetingId, RANK_3).map((call) => call.decision)).toEqual([declined]);

    await recordHistory('meeting-national-decline', handle);
  });

  it('closes the meeting: projects the undecided items, completes, and takes no later update', async () => {
    const meeting = await startMeeting('close');
    const { meetingId, handle } = meeting;
    await frozen(meeting);
    await inSession(handle);
    await decide(handle, chair, RANK_1, 'ADOPT_ROCU_LEAD');

    const foreign = await refusal(() => handle.executeUpdate(closeMeetingUpdate, { args: [{ actor: foreignChair }] }));
    expect(foreign.type).toBe('ROLE_NOT_ALLOWED');

    const closed = await handle.executeUpdate(closeMeetingUpdate, {
      args: [{ actor: chair, correlationId: 'corr-close' }],
    });
    expect(closed.status).toBe('CLOSED');
    expect(closed.decisions.map((made) => made.referralId)).toEqual([RANK_1]);
    expect(activities.closesFor(meetingId)).toEqual([
      {
        meetingId,
        seq: closed.seq,
        at: expect.any(String),
        actor: chair,
        correlationId: 'corr-close',
        undecided: [RATIFY, RANK_2, RANK_3],
      },
    ]);
    await expect(handle.result()).resolves.toBeUndefined();
    expect((await handle.describe()).status.name).toBe('COMPLETED');

    await expect(decide(handle, chair, RANK_2, 'DEFER')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(activities.decisionsFor(meetingId)).toHaveLength(1);
    expect(activities.closesFor(meetingId)).toHaveLength(1);

    await recordHistory('meeting-close', handle);
  });

  it('records and raises a projection no retry can cure, and carries on: the decision stands, the meeting goes on', async () => {
    const meeting = await startMeeting('unprojectable');
    const { meetingId, handle } = meeting;
    await frozen(meeting);
    await inSession(handle);
    activities.refuse(meetingId, RANK_1, UNPROJECTABLE_FAILURE);

    const kept = await decide(handle, chair, RANK_1, 'DEFER');
    expect(kept).toMatchObject({ referralId: RANK_1, decision: 'DEFER' });
    expect(activities.failuresFor(meetingId)).toEqual([
      {
        meetingId,
        seq: activities.decisionsFor(meetingId, RANK_1)[0]?.seq,
        region: REGION,
        stage: 'DECISION',
        referralId: RANK_1,
        message: expect.stringContaining('withdrawn'),
        at: expect.any(String),
      },
    ]);
    // The other items are decided as ever.
    expect(await decide(handle, chair, RANK_2, 'DECLINE_RETURN_TO_FORCE')).toMatchObject({ passedOver: [] });
    expect((await handle.query(meetingSnapshotQuery)).decisions.map((made) => made.referralId)).toEqual([
      RANK_1,
      RANK_2,
    ]);

    // A whole freeze that can never succeed is raised too, and the meeting still opens (with no agenda).
    const unfreezable = await startMeeting('unfreezable');
    activities.unfreezable.add(unfreezable.meetingId);
    const empty = await frozen(unfreezable);
    expect(empty.agenda).toEqual([]);
    expect(activities.freezesFor(unfreezable.meetingId)).toHaveLength(1);
    expect(activities.failuresFor(unfreezable.meetingId)).toEqual([
      expect.objectContaining({ stage: 'FREEZE', seq: 1, message: 'planted', region: REGION }),
    ]);
    const closed = await unfreezable.handle.executeUpdate(closeMeetingUpdate, { args: [{ actor: chair }] });
    expect(closed.status).toBe('CLOSED');
  });

  it('closing while a decision is still with the referral lists that item as undecided if the referral refuses', async () => {
    const meeting = await startMeeting('close-in-flight');
    const { meetingId, handle } = meeting;
    await frozen(meeting);
    await inSession(handle);
    activities.refuse(meetingId, RANK_2, 'REFERRAL_WITHDRAWN');
    const release = activities.hold(meetingId, RANK_2);

    const decision = refusal(() => decide(handle, chair, RANK_2, 'DEFER'));
    await eventually(
      () => activities.decisionsFor(meetingId, RANK_2),
      (calls) => calls.length === 1,
      'the decision to reach applyDecision',
    );
    const closing = handle.executeUpdate(closeMeetingUpdate, { args: [{ actor: chair }] });
    closing.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    await sleep(300);
    release();

    expect((await decision).type).toBe('REFERRAL_WITHDRAWN');
    const closed = await closing;
    await handle.result();
    // The referral refused, so its item is as undecided as the others: the read model must hear so.
    expect(activities.closesFor(meetingId).map((call) => call.undecided)).toEqual([[RATIFY, RANK_1, RANK_2, RANK_3]]);
    expect(closed.status).toBe('CLOSED');
    expect(closed.decisions).toEqual([]);
    expect((await handle.query(meetingSnapshotQuery)).decisions).toEqual([]);
  });
});

/** Ends a schedule test: the schedule (its history kept) and the meetings it created, abandoned children that outlive it. */
async function endSchedule(
  scenario: string,
  handle: WorkflowHandle,
  meetings: readonly ActivityInput<'projectMeetingCreated'>[],
): Promise<void> {
  await handle.terminate('meeting schedule test finished');
  await recordHistory(scenario, handle);
  for (const call of meetings) {
    await client.workflow
      .getHandle(meetingWorkflowId(call.meetingId))
      .terminate('meeting schedule test finished')
      .catch(() => undefined);
  }
}

describe('meetingScheduleWorkflow (real dev server, recorded activities)', () => {
  it('keeps the next meetings created ahead on a fixed interval, each once, as meeting children', async () => {
    const input: MeetingScheduleInput = {
      region: SCHEDULE_REGION,
      type: 'TTCG',
      recurrence: { kind: 'INTERVAL', everyMs: 2000, papersCloseBeforeMs: 1000 },
      horizon: 2,
    };
    const scheduleId = meetingScheduleWorkflowId(TASK_QUEUE, SCHEDULE_REGION, 'TTCG');
    const created = () => activities.created.filter((call) => call.region === SCHEDULE_REGION);
    const handle = await client.workflow.start(MEETING_SCHEDULE_WORKFLOW_TYPE, {
      workflowId: scheduleId,
      taskQueue: TASK_QUEUE,
      args: [input],
    });
    let seen: ActivityInput<'projectMeetingCreated'>[] = [];
    try {
      const firstRound = await eventually(created, (calls) => calls.length >= 2, 'the first two meetings', 10_000);
      expect(firstRound).toHaveLength(2);
      // Each meeting's own workflow projects it, so the two may be recorded in either order.
      const [first, second] = [...firstRound].sort((a, b) => ms(a.scheduledFor) - ms(b.scheduledFor));
      expect(ms(second?.scheduledFor) - ms(first?.scheduledFor)).toBe(2000);
      for (const call of firstRound) {
        expect(call).toMatchObject({ region: SCHEDULE_REGION, type: 'TTCG' });
        expect(call.requestedBy).toBeUndefined();
        expect(ms(call.scheduledFor) - ms(call.papersCloseAt)).toBe(1000);
        const child = await client.workflow.getHandle(meetingWorkflowId(call.meetingId)).describe();
        expect(child.workflowId).toMatch(
          /^meeting-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(child.type).toBe(MEETING_WORKFLOW_TYPE);
        expect(child.taskQueue).toBe(TASK_QUEUE);
        expect(child.parentExecution?.workflowId).toBe(scheduleId);
      }

      // When the first meeting falls due (~2 s) the schedule wakes and creates the one after the second.
      await eventually(created, (calls) => calls.length >= 3, 'the third meeting', 10_000);
      await sleep(500);
      seen = created();
    } finally {
      await endSchedule('meeting-schedule', handle, created());
    }

    const times = seen.map((call) => ms(call.scheduledFor)).sort((a, b) => a - b);
    // No meeting time is created twice, and every meeting sits on the 2 s grid after the first.
    expect(new Set(times).size).toBe(times.length);
    expect(times.map((time) => time - (times[0] ?? 0))).toEqual(times.map((_time, index) => index * 2000));
    expect(new Set(seen.map((call) => call.meetingId)).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });
  it('takes new region settings by signal: meetings already created stay, those created after follow them', async () => {
    const region = 'EMSOU';
    const input: MeetingScheduleInput = {
      region,
      type: 'TTCG',
      recurrence: { kind: 'INTERVAL', everyMs: 2000, papersCloseBeforeMs: 1000 },
      horizon: 2,
    };
    const created = () => activities.created.filter((call) => call.region === region);
    const handle = await client.workflow.start(MEETING_SCHEDULE_WORKFLOW_TYPE, {
      workflowId: meetingScheduleWorkflowId(TASK_QUEUE, region, 'TTCG'),
      taskQueue: TASK_QUEUE,
      args: [input],
    });
    let seen: ActivityInput<'projectMeetingCreated'>[] = [];
    try {
      await eventually(created, (calls) => calls.length >= 2, 'the first two meetings', 10_000);
      await handle.signal(meetingRecurrenceSignal, {
        recurrence: { kind: 'INTERVAL', everyMs: 3000, papersCloseBeforeMs: 500 },
        settings: { ...DEFAULT_MEETING_SETTINGS, quorumForceFraction: 0.75 },
      });
      seen = await eventually(created, (calls) => calls.length >= 4, 'two meetings on the new settings', 15_000);
    } finally {
      await endSchedule('meeting-schedule-settings', handle, created());
    }
    const [first, second, third, fourth] = [...seen].sort((a, b) => ms(a.scheduledFor) - ms(b.scheduledFor));
    // The two created before the change keep their dates and cut-off; the next ones are 3 s apart, cut off 0.5 s before.
    expect(ms(second?.scheduledFor) - ms(first?.scheduledFor)).toBe(2000);
    expect([first, second].map((call) => ms(call?.scheduledFor) - ms(call?.papersCloseAt))).toEqual([1000, 1000]);
    expect(ms(third?.scheduledFor)).toBeGreaterThan(ms(second?.scheduledFor));
    expect(ms(fourth?.scheduledFor) - ms(third?.scheduledFor)).toBe(3000);
    expect([third, fourth].map((call) => ms(call?.scheduledFor) - ms(call?.papersCloseAt))).toEqual([500, 500]);
    // ...and run by the new quorum: it is in each new meeting's input.
    const quorumOf = async (meetingId = '') => {
      const started = (await client.workflow.getHandle(meetingWorkflowId(meetingId)).fetchHistory()).events?.[0];
      const payload = started?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
      const input = payload ? (JSON.parse(Buffer.from(payload).toString()) as MeetingWorkflowInput) : undefined;
      return input?.settings?.quorumForceFraction;
    };
    expect(await Promise.all([first, third, fourth].map((call) => quorumOf(call?.meetingId)))).toEqual([
      undefined,
      0.75,
      0.75,
    ]);
    const markers = (await handle.fetchHistory()).events?.filter((event) => event.markerRecordedEventAttributes);
    expect(markers?.length).toBe(1);
  });
});
