import { Client, WithStartWorkflowOperation, WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  Actor,
  computeDeadline,
  DEFAULT_DEADLINE_POLICIES,
  DEFAULT_PLAN_POLICY,
  DEFAULT_SCORING_SCHEME,
  DeadlinePolicy,
  isWorkingDay,
  scoreAssessment,
} from '@rocu/domain';
import {
  ActorCommand,
  addActionUpdate,
  allocateSioUpdate,
  closeReferralUpdate,
  ConflictRecord,
  nameLroUpdate,
  nationalAcceptUpdate,
  nationalReturnUpdate,
  PlanActivities,
  PlanChangeEvent,
  planSnapshotQuery,
  planWorkflowId,
  taskingDecisionUpdate,
  assessUpdate,
  DeadlineNotification,
  NationalResponseNotification,
  DeadlineView,
  provideInformationUpdate,
  ratificationUpdate,
  recordPartnerCheckUpdate,
  disposeToPartnerUpdate,
  reallocateSioUpdate,
  REFERRAL_WORKFLOW_TYPE,
  ReferralActivities,
  referralSnapshotQuery,
  ReferralSubmission,
  ReferralTransitionEvent,
  referralWorkflowId,
  ReferralWorkflowInput,
  replaceLroUpdate,
  signReviewUpdate,
  SubmissionProjection,
  submitReferralUpdate,
  SubmitResult,
  triageUpdate,
  withdrawUpdate,
} from '@rocu/contracts';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_RATIONALE } from '../../test/fixtures/worked-example';
import { pausedWorkingTime } from '../../test/support/paused-working-time';
import { recordHistory, refusal } from './support/histories';
import { startWorkflowTestHarness, WorkflowTestHarness } from './support/workflow-test-harness';
import { eventually, ms, sleep } from './support/waiting';

/**
 * referralWorkflow against the real Temporal dev server, with in-memory activities that record their calls.
 * With RECORD_HISTORIES=1 each scenario's event history is written to workflows/test/histories/ for the
 * replay test (replay.test.ts).
 */

const RUN = `${Date.now().toString(36)}-${process.pid}`;
const TASK_QUEUE = `referral-workflow-test-${RUN}`;
/** The transitions from submission to an ACTIVE tasking (adopted, SIO allocated, LRO named). */
const TO_ACTIVE = [
  'TRIAGE:ASSESSMENT',
  'ASSESS:AWAITING_DECISION',
  'DECIDE:ADOPTED',
  'ALLOCATE_SIO:SIO_ALLOCATED',
  'NAME_LRO:ACTIVE',
];

/** Long enough that no deadline timer fires during a test that is not about deadlines. */
const HOUR_MS = 3_600_000;
const RELAXED_POLICY: DeadlinePolicy = {
  TRIAGE: { due: { elapsedMs: 24 * HOUR_MS }, reminderFraction: 0.75 },
  ASSESSMENT: { due: { elapsedMs: 48 * HOUR_MS }, reminderFraction: 0.75 },
};
/** A seconds-scale policy: TRIAGE reminds at 1.5 s and is due at 3 s; ASSESSMENT reminds at 3 s, due at 6 s. */
const FAST_POLICY: DeadlinePolicy = {
  TRIAGE: { due: { elapsedMs: 3000 }, reminderFraction: 0.5 },
  ASSESSMENT: { due: { elapsedMs: 6000 }, reminderFraction: 0.5 },
};

/** For the information loop: a reminder window (6 s) wide enough to hold on a loaded two-core machine. */
const PAUSE_POLICY: DeadlinePolicy = {
  TRIAGE: { due: { elapsedMs: 9000 }, reminderFraction: 0.33 },
  ASSESSMENT: { due: { elapsedMs: 60000 }, reminderFraction: 0.5 },
};

const REGION = 'YHROCU';
const OWNER_ORG = 'WYP';

const referrer: Actor = {
  sub: 'u-referrer',
  name: 'Rita Referrer',
  roles: ['FORCE_REFERRER'],
  org: OWNER_ORG,
  region: REGION,
};
const otherForceReferrer: Actor = {
  sub: 'u-other',
  name: 'Oscar Other',
  roles: ['FORCE_REFERRER'],
  org: 'NYP',
  region: REGION,
};
const assessor: Actor = {
  sub: 'u-assessor',
  name: 'Asha Assessor',
  roles: ['GATEWAY_ASSESSOR'],
  org: REGION,
  region: REGION,
};
const chair: Actor = { ...assessor, sub: 'u-chair', roles: ['TTCG_CHAIR'] };
const nca: Actor = { sub: 'u-nca', name: 'Nia Liaison', roles: ['NCA_LIAISON'], org: 'NCA', region: null };
const foreignAssessor: Actor = {
  sub: 'u-foreign',
  name: 'Fergus Foreign',
  roles: ['GATEWAY_ASSESSOR'],
  org: 'NWROCU',
  region: 'NWROCU',
};

const submission: ReferralSubmission = {
  subject: { type: 'OCG', name: 'Test OCG', nominals: [{ identifier: 'NOMINAL-1', role: 'PRINCIPAL' }] },
  crimeTypes: ['ILLEGAL_FIREARMS'],
  forcesAffected: [OWNER_ORG],
  requestedCapabilities: ['COVERT_SURVEILLANCE'],
  urgency: 'ROUTINE',
  threatToLife: false,
  summary: 'Workflow test referral',
  classification: 'OFFICIAL',
  intelligence: [],
};

const workedExample = WORKED_EXAMPLE;
const workedRationale: Record<string, string> = WORKED_EXAMPLE_RATIONALE;
/** The assessor scoring the worked example and routing it to the TTCG. */
const assessWorkedExample = {
  actor: assessor,
  assessment: workedExample,
  scheme: DEFAULT_SCORING_SCHEME,
  route: 'TTCG' as const,
  rationale: workedRationale,
};

/** A SIO of the region, as the plan's rules see them. */
const sio = (sub: string): Actor => ({ sub, name: `DCI ${sub}`, roles: ['SIO'], org: REGION, region: REGION });

/** The region's ROCU manager allocating an SIO to the referral, declaring no conflict. */
const allocator =
  (handle: WorkflowHandle) =>
  ({ sub, name }: Actor) =>
    handle.executeUpdate(allocateSioUpdate, {
      args: [
        {
          actor: { ...assessor, sub: 'u-manager', roles: ['ROCU_MANAGER'] },
          officer: { sub, name, org: REGION, region: REGION },
          justification: 'On call',
          conflictDeclaration: { hasConflict: false },
        },
      ],
    });

/** In-memory activities: record every call; projectSubmission is idempotent per workflow, like the real one. */
class RecordingActivities {
  readonly submissions: SubmissionProjection[] = [];
  readonly transitions: ReferralTransitionEvent[] = [];
  readonly notifications: DeadlineNotification[] = [];
  readonly conflicts: ConflictRecord[] = [];
  readonly nationalNotifications: NationalResponseNotification[] = [];
  private readonly references = new Map<string, string>();
  private readonly notificationGates = new Map<string, Promise<void>>();

  /** Makes this workflow's deadline notifications wait (after being recorded) until the gate opens. */
  holdNotifications(workflowId: string, gate: Promise<void>): void {
    this.notificationGates.set(workflowId, gate);
  }

  readonly implementation: ReferralActivities = {
    projectSubmission: async (projection) => {
      this.submissions.push(projection);
      const reference = this.references.get(projection.workflowId) ?? `YH-TEST-${this.references.size + 1}`;
      this.references.set(projection.workflowId, reference);
      return { reference };
    },
    projectTransition: async (event) => {
      this.transitions.push(event);
    },
    recordDeadlineNotification: async (notification) => {
      this.notifications.push(notification);
      await this.notificationGates.get(notification.workflowId);
    },
    recordNationalResponseNotification: async (notification) => {
      this.nationalNotifications.push(notification);
    },
    recordConflictDeclaration: async (conflict) => {
      this.conflicts.push(conflict);
    },
  };

  /** The 4P plan's projection, for referrals that reach ACTIVE (the plan runs as a child workflow). */
  readonly planChanges: PlanChangeEvent[] = [];
  readonly planImplementation: PlanActivities = {
    projectPlanChange: async (event) => {
      this.planChanges.push(event);
    },
  };

  submissionsFor(workflowId: string): SubmissionProjection[] {
    return this.submissions.filter((call) => call.workflowId === workflowId);
  }

  transitionsFor(workflowId: string): ReferralTransitionEvent[] {
    return this.transitions.filter((call) => call.workflowId === workflowId);
  }

  notificationsFor(workflowId: string): DeadlineNotification[] {
    return this.notifications.filter((call) => call.workflowId === workflowId);
  }
}

const activities = new RecordingActivities();
let harness: WorkflowTestHarness | undefined;
let client: Client;

beforeAll(async () => {
  harness = await startWorkflowTestHarness(TASK_QUEUE, {
    ...activities.implementation,
    ...activities.planImplementation,
  });
  client = harness.client;
});

afterAll(async () => {
  await harness?.close();
});

const inputFor = (
  referralId: string,
  policy: DeadlinePolicy,
  overrides: Partial<ReferralSubmission> = {},
  extras: Partial<ReferralWorkflowInput> = {},
): ReferralWorkflowInput => ({
  referralId,
  submission: { ...submission, ...overrides },
  submittedBy: referrer,
  ownerOrg: OWNER_ORG,
  region: REGION,
  policy,
  planPolicy: DEFAULT_PLAN_POLICY,
  ...extras,
});

/** Submits exactly as the API does: update-with-start on the deterministic workflow id. */
async function submit(
  referralId: string,
  policy: DeadlinePolicy,
  command: ActorCommand = { actor: referrer },
  updateId?: string,
  overrides: Partial<ReferralSubmission> = {},
  extras: Partial<ReferralWorkflowInput> = {},
  taskQueue = TASK_QUEUE,
): Promise<{ result: SubmitResult; handle: WorkflowHandle }> {
  const startWorkflowOperation = new WithStartWorkflowOperation(REFERRAL_WORKFLOW_TYPE, {
    workflowId: referralWorkflowId(referralId),
    taskQueue,
    args: [inputFor(referralId, policy, overrides, extras)],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const result = await client.workflow.executeUpdateWithStart(submitReferralUpdate, {
    args: [command],
    startWorkflowOperation,
    updateId,
  });
  return { result, handle: await startWorkflowOperation.workflowHandle() };
}

const newReferralId = (scenario: string): string => `wft-${scenario}-${RUN}`;

/** One stage's deadline from a snapshot or a notification. */
const deadline = (holder: { deadlines: DeadlineView[] } | undefined, stage: DeadlineView['stage']): DeadlineView => {
  const view = holder?.deadlines.find((candidate) => candidate.stage === stage);
  if (view === undefined) throw new Error(`no ${stage} deadline in ${JSON.stringify(holder?.deadlines)}`);
  return view;
};

/** The update ids the server accepted into the workflow's history, in order. */
async function acceptedUpdates(handle: WorkflowHandle): Promise<{ id: string; name: string }[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).flatMap((event) => {
    const request = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    return request ? [{ id: request.meta?.updateId ?? '', name: request.input?.name ?? '' }] : [];
  });
}

describe('referralWorkflow (real dev server, recorded activities)', () => {
  it('submits once: a repeated submit on the same workflow id is answered from the running workflow', async () => {
    const referralId = newReferralId('submit-twice');
    const workflowId = referralWorkflowId(referralId);

    const first = await submit(referralId, RELAXED_POLICY, { actor: referrer, correlationId: 'corr-submit-1' });
    const second = await submit(referralId, RELAXED_POLICY, { actor: referrer, correlationId: 'corr-submit-2' });

    expect(first.result.created).toBe(true);
    expect(second.result.created).toBe(false);
    expect(first.handle.workflowId).toBe(workflowId);
    expect(second.handle.workflowId).toBe(workflowId);
    const firstRunId = (await first.handle.describe()).runId;
    expect((await second.handle.describe()).runId).toBe(firstRunId);

    const projections = activities.submissionsFor(workflowId);
    expect(projections).toHaveLength(1);
    expect(projections[0]).toMatchObject({
      workflowId,
      referralId,
      ownerOrg: OWNER_ORG,
      region: REGION,
      submittedBy: referrer,
      submission,
      correlationId: 'corr-submit-1',
    });
    expect(projections[0]?.deadlines.map((view) => [view.stage, view.status])).toEqual([
      ['TRIAGE', 'PENDING'],
      ['ASSESSMENT', 'PENDING'],
    ]);

    expect(first.result.snapshot).toEqual({
      referralId,
      reference: expect.stringMatching(/^YH-TEST-\d+$/),
      status: 'SUBMITTED',
      seq: 0,
      deadlines: projections[0]?.deadlines,
    });
    expect(second.result.snapshot).toEqual(first.result.snapshot);
    expect(activities.transitionsFor(workflowId)).toEqual([]);
    expect(await acceptedUpdates(first.handle)).toEqual([
      { id: expect.any(String), name: 'submitReferral' },
      { id: expect.any(String), name: 'submitReferral' },
    ]);

    await recordHistory('submit-twice', first.handle);
  });

  it('triages, assesses the worked example and awaits a decision, projecting each step in order', async () => {
    const referralId = newReferralId('happy-path');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY);

    const triaged = await handle.executeUpdate(triageUpdate, {
      args: [
        { actor: assessor, decision: 'ACCEPT', reason: 'Within the regional remit', correlationId: 'corr-triage' },
      ],
    });
    expect(triaged.status).toBe('ASSESSMENT');
    expect(triaged.seq).toBe(1);

    const assessed = await handle.executeUpdate(assessUpdate, {
      args: [
        {
          actor: assessor,
          assessment: workedExample,
          scheme: DEFAULT_SCORING_SCHEME,
          route: 'TTCG',
          rationale: workedRationale,
          correlationId: 'corr-assess',
        },
      ],
    });
    const expectedScore = scoreAssessment(workedExample, DEFAULT_SCORING_SCHEME);
    expect(assessed.score.riskScore).toBe(21.2);
    expect(assessed.score.priority).toBe('P2');
    expect(assessed.score.organisationalPosition).toEqual({ total: 10, grade: 'B' });
    expect(assessed.score).toEqual(expectedScore);
    expect(assessed.snapshot.status).toBe('AWAITING_DECISION');
    expect(assessed.snapshot.seq).toBe(2);
    expect(assessed.snapshot.deadlines.map((view) => [view.stage, view.status])).toEqual([
      ['TRIAGE', 'MET'],
      ['ASSESSMENT', 'MET'],
    ]);

    const transitions = activities.transitionsFor(workflowId);
    expect(transitions.map((event) => [event.seq, event.action, event.from, event.to])).toEqual([
      [1, 'TRIAGE', 'SUBMITTED', 'ASSESSMENT'],
      [2, 'ASSESS', 'ASSESSMENT', 'AWAITING_DECISION'],
    ]);
    expect(transitions[0]).toMatchObject({
      workflowId,
      referralId,
      actor: assessor,
      reason: 'Within the regional remit',
      correlationId: 'corr-triage',
      pausedMs: 0,
    });
    expect(transitions[0]?.assessment).toBeUndefined();
    expect(transitions[0]?.information).toBeUndefined();
    expect(transitions[1]).toMatchObject({
      actor: assessor,
      correlationId: 'corr-assess',
      reason: workedRationale.route,
    });
    expect(transitions[1]?.assessment).toEqual({
      score: expectedScore,
      input: workedExample,
      route: 'TTCG',
      rationale: workedRationale,
    });
    expect(ms(transitions[1]?.at)).toBeGreaterThanOrEqual(ms(transitions[0]?.at));

    const snapshot = await handle.query(referralSnapshotQuery);
    expect(snapshot).toEqual(assessed.snapshot);
    expect(activities.submissionsFor(workflowId)).toHaveLength(1);
    expect(activities.notificationsFor(workflowId)).toEqual([]);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    await recordHistory('happy-path', handle);
  });

  it('refuses wrong moves in the update validator, leaving no trace in history or the projection', async () => {
    const referralId = newReferralId('refusals');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY, { actor: referrer }, 'submit-1');

    const notInState = await refusal(() =>
      handle.executeUpdate(assessUpdate, {
        updateId: 'refused-assess',
        args: [
          {
            actor: assessor,
            assessment: workedExample,
            scheme: DEFAULT_SCORING_SCHEME,
            route: 'TTCG',
            rationale: workedRationale,
          },
        ],
      }),
    );
    expect(notInState.type).toBe('NOT_ALLOWED_IN_STATE');
    expect(notInState.nonRetryable).toBe(true);
    expect(notInState.message).toContain('SUBMITTED');
    expect(notInState.details).toEqual([{ status: 'SUBMITTED', allowedActions: ['TRIAGE'] }]);

    const wrongRole = await refusal(() =>
      handle.executeUpdate(triageUpdate, {
        updateId: 'refused-triage-by-referrer',
        args: [{ actor: referrer, decision: 'ACCEPT', reason: 'I would like it accepted' }],
      }),
    );
    expect(wrongRole.type).toBe('ROLE_NOT_ALLOWED');
    expect(wrongRole.details).toEqual([{ status: 'SUBMITTED', allowedActions: ['WITHDRAW'] }]);

    const wrongRegion = await refusal(() =>
      handle.executeUpdate(triageUpdate, {
        updateId: 'refused-triage-by-foreign-assessor',
        args: [{ actor: foreignAssessor, decision: 'ACCEPT', reason: 'Not my region' }],
      }),
    );
    expect(wrongRegion.type).toBe('ROLE_NOT_ALLOWED');
    expect(wrongRegion.details).toEqual([{ status: 'SUBMITTED', allowedActions: [] }]);

    const wrongOrg = await refusal(() =>
      handle.executeUpdate(withdrawUpdate, {
        updateId: 'refused-withdraw-by-other-force',
        args: [{ actor: otherForceReferrer, reason: 'Not my referral' }],
      }),
    );
    expect(wrongOrg.type).toBe('ROLE_NOT_ALLOWED');

    const infoNotRequested = await refusal(() =>
      handle.executeUpdate(provideInformationUpdate, {
        updateId: 'refused-information',
        args: [{ actor: referrer, response: 'Nobody asked' }],
      }),
    );
    expect(infoNotRequested.type).toBe('NOT_ALLOWED_IN_STATE');
    expect(infoNotRequested.details).toEqual([{ status: 'SUBMITTED', allowedActions: ['WITHDRAW'] }]);

    expect(activities.transitionsFor(workflowId)).toEqual([]);
    expect(await acceptedUpdates(handle)).toEqual([{ id: 'submit-1', name: 'submitReferral' }]);
    const refusedIds = [
      'refused-assess',
      'refused-triage-by-referrer',
      'refused-triage-by-foreign-assessor',
      'refused-withdraw-by-other-force',
      'refused-information',
    ];
    const historyText = historyToJSON(await handle.fetchHistory());
    for (const id of refusedIds) expect(historyText).not.toContain(id);

    // The refusals changed nothing: the state is still SUBMITTED and the next valid move is seq 1.
    expect(await handle.query(referralSnapshotQuery)).toMatchObject({ status: 'SUBMITTED', seq: 0 });
    const triaged = await handle.executeUpdate(triageUpdate, {
      updateId: 'triage-ok',
      args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }],
    });
    expect(triaged).toMatchObject({ status: 'ASSESSMENT', seq: 1 });
    expect(activities.transitionsFor(workflowId).map((event) => event.seq)).toEqual([1]);
    expect(await acceptedUpdates(handle)).toEqual([
      { id: 'submit-1', name: 'submitReferral' },
      { id: 'triage-ok', name: 'triage' },
    ]);

    await recordHistory('refusals', handle);
  });

  it('pauses the clock while information is requested and moves the deadlines by the time paused', async () => {
    const referralId = newReferralId('information-loop');
    const workflowId = referralWorkflowId(referralId);
    const { result, handle } = await submit(referralId, PAUSE_POLICY);
    const submittedTriage = deadline(result.snapshot, 'TRIAGE');
    const submittedAssessment = deadline(result.snapshot, 'ASSESSMENT');

    const requested = await handle.executeUpdate(triageUpdate, {
      args: [{ actor: assessor, decision: 'REQUEST_INFO', reason: 'Which nominals hold the firearms?' }],
    });
    expect(requested.status).toBe('INFO_REQUESTED');
    expect(deadline(requested, 'TRIAGE').status).toBe('PAUSED');
    expect(deadline(requested, 'ASSESSMENT').status).toBe('PENDING');
    expect(deadline(await handle.query(referralSnapshotQuery), 'TRIAGE').status).toBe('PAUSED');

    const pausedFor = 1500;
    await sleep(pausedFor);

    const provided = await handle.executeUpdate(provideInformationUpdate, {
      args: [{ actor: referrer, response: 'NOMINAL-1 holds them' }],
    });
    expect(provided.status).toBe('TRIAGE');
    expect(provided.seq).toBe(2);
    const resumedTriage = deadline(provided, 'TRIAGE');
    const resumedAssessment = deadline(provided, 'ASSESSMENT');
    expect(resumedTriage.status).toBe('PENDING');
    const moved = ms(resumedTriage.dueAt) - ms(submittedTriage.dueAt);
    expect(moved).toBeGreaterThanOrEqual(pausedFor);
    expect(moved).toBeLessThan(pausedFor + 5000);
    // Both clocks move by the same pause, reminders too.
    expect(ms(resumedAssessment.dueAt) - ms(submittedAssessment.dueAt)).toBe(moved);
    expect(ms(resumedTriage.remindAt) - ms(submittedTriage.remindAt)).toBe(moved);

    const transitions = activities.transitionsFor(workflowId);
    expect(transitions.map((event) => [event.seq, event.from, event.to])).toEqual([
      [1, 'SUBMITTED', 'INFO_REQUESTED'],
      [2, 'INFO_REQUESTED', 'TRIAGE'],
    ]);
    expect(transitions[0]?.information).toEqual({ kind: 'REQUEST', text: 'Which nominals hold the firearms?' });
    expect(transitions[0]?.pausedMs).toBe(0);
    expect(transitions[1]?.information).toEqual({ kind: 'RESPONSE', text: 'NOMINAL-1 holds them' });
    expect(transitions[1]?.pausedMs).toBe(moved);

    // The reminder timer follows the moved deadline: it fires no earlier than the moved reminder time.
    const [reminder] = await eventually(
      () => activities.notificationsFor(workflowId),
      (calls) => calls.length >= 1,
      'the TRIAGE reminder after the pause',
    );
    expect(reminder).toMatchObject({ kind: 'REMINDER', stage: 'TRIAGE', dueAt: resumedTriage.dueAt });
    expect(ms(reminder?.at)).toBeGreaterThanOrEqual(ms(resumedTriage.remindAt));
    expect(ms(reminder?.at)).toBeLessThan(ms(resumedTriage.dueAt));

    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: referrer, reason: 'Test finished' }] });
    await handle.result();
    expect(activities.notificationsFor(workflowId).map((call) => call.kind)).toEqual(['REMINDER']);

    await recordHistory('information-loop', handle);
  });

  it('counts working-day deadlines in working time: reminders on working days, the pause given back as working time', async () => {
    const referralId = newReferralId('working-time-deadlines');
    const workflowId = referralWorkflowId(referralId);
    const policy = DEFAULT_DEADLINE_POLICIES.ROUTINE;
    const { handle } = await submit(referralId, policy);
    const submittedAt = new Date(activities.submissionsFor(workflowId)[0]?.at ?? '');
    const expectedViews = (paused: { elapsedMs: number; workingMs: number }) =>
      (['TRIAGE', 'ASSESSMENT'] as const).map((stage) => {
        const expected = computeDeadline(stage, submittedAt, policy[stage], paused);
        return { stage, dueAt: expected.dueAt.toISOString(), remindAt: expected.remindAt.toISOString() };
      });
    const shown = (holder: { deadlines: DeadlineView[] }) =>
      holder.deadlines.map(({ stage, dueAt, remindAt }) => ({ stage, dueAt, remindAt }));

    const submitted = await handle.query(referralSnapshotQuery);
    expect(shown(submitted)).toEqual(expectedViews({ elapsedMs: 0, workingMs: 0 }));
    for (const view of submitted.deadlines) expect(isWorkingDay(new Date(view.remindAt))).toBe(true);

    await handle.executeUpdate(triageUpdate, {
      args: [{ actor: assessor, decision: 'REQUEST_INFO', reason: 'Which nominals hold the firearms?' }],
    });
    await sleep(1200);
    const provided = await handle.executeUpdate(provideInformationUpdate, {
      args: [{ actor: referrer, response: 'NOMINAL-1 holds them' }],
    });
    const [asked, answered] = activities.transitionsFor(workflowId).map((event) => new Date(event.at));
    if (asked === undefined || answered === undefined) throw new Error('both transitions should be projected');
    const pause = {
      elapsedMs: answered.getTime() - asked.getTime(),
      workingMs: pausedWorkingTime(submittedAt, asked, answered),
    };
    expect(activities.transitionsFor(workflowId)[1]?.pausedMs).toBe(pause.elapsedMs);
    expect(shown(provided)).toEqual(expectedViews(pause));

    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: referrer, reason: 'Test finished' }] });
    await handle.result();
    // The patch is recorded once, however many deadlines it shapes.
    const patchIds = ((await handle.fetchHistory()).events ?? []).flatMap((event) =>
      (event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? []).map(
        (payload) => (JSON.parse(Buffer.from(payload.data ?? []).toString('utf8')) as { id: string }).id,
      ),
    );
    expect(patchIds.filter((id) => id === 'working-time-deadlines')).toHaveLength(1);
    await recordHistory('working-time-deadlines', handle);
  });

  it('reminds once and escalates once per stage; a late triage shows TRIAGE breached while ASSESSMENT runs on', async () => {
    const referralId = newReferralId('deadlines');
    const workflowId = referralWorkflowId(referralId);
    const { result, handle } = await submit(referralId, FAST_POLICY);
    const triage = deadline(result.snapshot, 'TRIAGE');
    const assessment = deadline(result.snapshot, 'ASSESSMENT');
    expect(ms(triage.dueAt) - ms(triage.remindAt)).toBe(1500);
    expect(ms(assessment.dueAt) - ms(triage.dueAt)).toBe(3000);

    const triageCalls = await eventually(
      () => activities.notificationsFor(workflowId),
      (calls) => calls.some((call) => call.kind === 'ESCALATION'),
      'the TRIAGE escalation',
    );
    expect(triageCalls.map((call) => [call.kind, call.stage])).toEqual([
      ['REMINDER', 'TRIAGE'],
      ['ESCALATION', 'TRIAGE'],
    ]);
    const [reminder, escalation] = triageCalls;
    expect(reminder).toMatchObject({ workflowId, referralId, region: REGION, dueAt: triage.dueAt });
    expect(escalation).toMatchObject({ workflowId, referralId, region: REGION, dueAt: triage.dueAt });
    expect(ms(reminder?.at)).toBeGreaterThanOrEqual(ms(triage.remindAt));
    expect(ms(reminder?.at)).toBeLessThan(ms(triage.dueAt));
    expect(ms(escalation?.at)).toBeGreaterThanOrEqual(ms(triage.dueAt));

    const escalated = await handle.query(referralSnapshotQuery);
    expect(escalated.status).toBe('SUBMITTED');
    const escalatedTriage = deadline(escalated, 'TRIAGE');
    expect(escalatedTriage.remindedAt).toBe(reminder?.at);
    expect(escalatedTriage.escalatedAt).toBe(escalation?.at);
    // Each notification carries the deadlines as they stood when it was recorded.
    expect(deadline(reminder, 'TRIAGE')).toMatchObject({ remindedAt: reminder?.at });
    expect(deadline(reminder, 'TRIAGE').escalatedAt).toBeUndefined();
    expect(deadline(escalation, 'TRIAGE')).toMatchObject({ remindedAt: reminder?.at, escalatedAt: escalation?.at });
    const assessmentBefore = deadline(escalated, 'ASSESSMENT');
    expect(assessmentBefore.status).toBe('PENDING');
    expect(assessmentBefore.remindedAt).toBeUndefined();
    expect(assessmentBefore.escalatedAt).toBeUndefined();

    const accepted = await handle.executeUpdate(triageUpdate, {
      args: [{ actor: assessor, decision: 'ACCEPT', reason: 'Late, but accepted' }],
    });
    expect(accepted.status).toBe('ASSESSMENT');
    expect(deadline(accepted, 'TRIAGE')).toMatchObject({
      status: 'BREACHED',
      remindedAt: reminder?.at,
      escalatedAt: escalation?.at,
    });
    expect(deadline(accepted, 'ASSESSMENT')).toMatchObject({ status: 'PENDING', dueAt: assessment.dueAt });
    expect(deadline(accepted, 'ASSESSMENT').escalatedAt).toBeUndefined();

    // The ASSESSMENT clock ran from submission: it escalates at its own due time, once.
    const allCalls = await eventually(
      () => activities.notificationsFor(workflowId),
      (calls) => calls.some((call) => call.kind === 'ESCALATION' && call.stage === 'ASSESSMENT'),
      'the ASSESSMENT escalation',
    );
    expect(allCalls.map((call) => [call.kind, call.stage])).toEqual([
      ['REMINDER', 'TRIAGE'],
      ['ESCALATION', 'TRIAGE'],
      ['REMINDER', 'ASSESSMENT'],
      ['ESCALATION', 'ASSESSMENT'],
    ]);
    // Triage was accepted after the ASSESSMENT reminder time had passed, so that reminder went at once.
    expect(ms(allCalls[2]?.at)).toBeGreaterThanOrEqual(ms(assessment.remindAt));
    expect(ms(allCalls[2]?.at)).toBeLessThan(ms(assessment.dueAt));
    expect(ms(allCalls[3]?.at)).toBeGreaterThanOrEqual(ms(assessment.dueAt));
    expect(allCalls[3]?.dueAt).toBe(assessment.dueAt);
    const late = await handle.query(referralSnapshotQuery);
    expect(deadline(late, 'ASSESSMENT')).toMatchObject({ status: 'PENDING', escalatedAt: allCalls[3]?.at });
    expect(deadline(late, 'TRIAGE').status).toBe('BREACHED');

    // Nothing more fires once a stage has escalated.
    await sleep(500);
    expect(activities.notificationsFor(workflowId)).toHaveLength(4);
    expect(activities.transitionsFor(workflowId).map((event) => event.seq)).toEqual([1]);

    await recordHistory('deadlines', handle);
  });

  it('ends the deadline round when the referral is withdrawn while a reminder is being recorded', async () => {
    const referralId = newReferralId('withdraw-during-reminder');
    const workflowId = referralWorkflowId(referralId);
    let openGate: () => void = () => undefined;
    activities.holdNotifications(workflowId, new Promise<void>((resolve) => (openGate = resolve)));
    const { handle } = await submit(referralId, FAST_POLICY);
    await eventually(
      () => activities.notificationsFor(workflowId),
      (calls) => calls.length === 1,
      'the reminder being recorded',
    );
    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: referrer, reason: 'Withdrawn mid-reminder' }] });
    openGate();
    // Before the fix the round waited for a change away from WITHDRAWN: a false escalation, then for ever.
    const outcome = await Promise.race([
      handle.result().then(() => 'completed'),
      sleep(20_000).then(() => 'still running after 20 s'),
    ]);
    expect(outcome).toBe('completed');
    expect(activities.notificationsFor(workflowId).map((call) => call.kind)).toEqual(['REMINDER']);

    await recordHistory('withdraw-during-reminder', handle);
  });

  it('completes the workflow on withdrawal; a later update cannot reach it', async () => {
    const referralId = newReferralId('withdraw');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY);

    const withdrawn = await handle.executeUpdate(withdrawUpdate, {
      args: [{ actor: referrer, reason: 'Dealt with by the force', correlationId: 'corr-withdraw' }],
    });
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(withdrawn.seq).toBe(1);
    expect(withdrawn.deadlines.map((view) => [view.stage, view.status])).toEqual([
      ['TRIAGE', 'CANCELLED'],
      ['ASSESSMENT', 'CANCELLED'],
    ]);
    await expect(handle.result()).resolves.toBeUndefined();
    expect((await handle.describe()).status.name).toBe('COMPLETED');

    expect(activities.transitionsFor(workflowId)).toEqual([
      expect.objectContaining({
        seq: 1,
        action: 'WITHDRAW',
        from: 'SUBMITTED',
        to: 'WITHDRAWN',
        reason: 'Dealt with by the force',
        correlationId: 'corr-withdraw',
      }),
    ]);

    await expect(
      handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'Too late' }] }),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(activities.transitionsFor(workflowId)).toHaveLength(1);

    await recordHistory('withdraw', handle);
  });

  it('after adoption: a conflicted SIO is blocked, SIO and LRO start the plan, closing closes it and awaits a re-score', async () => {
    const referralId = newReferralId('tasking');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY);
    const manager: Actor = { ...assessor, sub: 'u-manager', roles: ['ROCU_MANAGER'] };
    const officer = (sub: string) => ({ sub, name: `DCI ${sub}`, org: REGION, region: REGION });
    const assess = assessWorkedExample;

    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assess] });
    const adopted = await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Necessary', meetingId: 'meeting-1' }],
    });
    expect(adopted.status).toBe('ADOPTED');
    expect(deadline(adopted, 'ALLOCATION')).toMatchObject({ status: 'PENDING' });

    const declared = await handle.executeUpdate(allocateSioUpdate, {
      args: [
        {
          actor: manager,
          officer: officer('sio-1'),
          justification: 'x',
          conflictDeclaration: { hasConflict: true, details: 'Family' },
        },
      ],
    });
    expect(declared).toMatchObject({ allocated: false, snapshot: { status: 'ADOPTED' } });
    expect(activities.conflicts.filter((conflict) => conflict.workflowId === workflowId)).toHaveLength(1);
    const blocked = await refusal(() =>
      handle.executeUpdate(allocateSioUpdate, {
        args: [
          {
            actor: manager,
            officer: officer('sio-1'),
            justification: 'x',
            conflictDeclaration: { hasConflict: false },
          },
        ],
      }),
    );
    expect(blocked.type).toBe('CONFLICT_OF_INTEREST');
    const notByChair = await refusal(() =>
      handle.executeUpdate(allocateSioUpdate, {
        args: [
          { actor: chair, officer: officer('sio-2'), justification: 'x', conflictDeclaration: { hasConflict: false } },
        ],
      }),
    );
    expect(notByChair.type).toBe('ROLE_NOT_ALLOWED');

    const allocated = await handle.executeUpdate(allocateSioUpdate, {
      args: [
        {
          actor: manager,
          officer: officer('sio-2'),
          justification: 'Specialist',
          conflictDeclaration: { hasConflict: false },
        },
      ],
    });
    expect(allocated).toMatchObject({ allocated: true, snapshot: { status: 'SIO_ALLOCATED' } });
    expect(deadline(allocated.snapshot, 'ALLOCATION').status).toBe('MET');
    const active = await handle.executeUpdate(nameLroUpdate, {
      args: [{ actor: referrer, lro: { sub: 'lro-wyp', name: 'DI Clarke', org: OWNER_ORG } }],
    });
    expect(active.status).toBe('ACTIVE');
    const plan = client.workflow.getHandle(planWorkflowId(referralId));
    expect(await plan.query(planSnapshotQuery)).toMatchObject({
      sio: { sub: 'sio-2' },
      lro: { sub: 'lro-wyp', org: OWNER_ORG },
      closed: false,
    });
    const started = activities.transitionsFor(workflowId).find((event) => event.to === 'ACTIVE');
    expect(started?.planStarted).toMatchObject({ sio: { sub: 'sio-2' }, lro: { sub: 'lro-wyp' } });

    const closed = await handle.executeUpdate(closeReferralUpdate, { args: [{ actor: manager, outcome: 'Charged' }] });
    expect(closed.status).toBe('CLOSED');
    await plan.result();
    expect(await plan.query(planSnapshotQuery)).toMatchObject({ closed: true });
    // Closed, the workflow waits for the re-assessment it prompted, then ends.
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const rescored = await handle.executeUpdate(assessUpdate, { args: [assess] });
    expect(rescored.snapshot.status).toBe('CLOSED');
    await expect(handle.result()).resolves.toBeUndefined();
    expect(activities.transitionsFor(workflowId).map((event) => `${event.action}:${event.to}`)).toEqual([
      ...TO_ACTIVE,
      'CLOSE:CLOSED',
      'ASSESS:CLOSED',
    ]);
    await recordHistory('tasking', handle);
  });

  it('allocates an SIO of another region only with an approved loan for this tasking, and records the loan', async () => {
    const referralId = newReferralId('mutual-aid');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY);
    const manager: Actor = { ...assessor, sub: 'u-manager', roles: ['ROCU_MANAGER'] };
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Necessary', meetingId: 'meeting-1' }],
    });
    const lent = { sub: 'sio-emsou-1', name: 'DCI Lent', org: 'EMSOU', region: 'EMSOU' };
    const loan = {
      requestId: 'request-1',
      referralId,
      officerSub: lent.sub,
      lendingRegion: 'EMSOU',
      borrowingRegion: REGION,
    };
    const allocation = (extra: object) => ({
      actor: manager,
      officer: lent,
      justification: 'Lent by EMSOU',
      conflictDeclaration: { hasConflict: false },
      ...extra,
    });

    const withoutLoan = await refusal(() => handle.executeUpdate(allocateSioUpdate, { args: [allocation({})] }));
    expect(withoutLoan.type).toBe('BUSINESS_RULE');
    const otherTasking = await refusal(() =>
      handle.executeUpdate(allocateSioUpdate, { args: [allocation({ loan: { ...loan, referralId: 'another' } })] }),
    );
    expect(otherTasking.type).toBe('BUSINESS_RULE');
    const allocated = await handle.executeUpdate(allocateSioUpdate, { args: [allocation({ loan })] });
    expect(allocated).toMatchObject({ allocated: true, snapshot: { status: 'SIO_ALLOCATED' } });
    const recorded = activities.transitionsFor(workflowId).find((event) => event.sioAllocation);
    expect(recorded?.sioAllocation).toMatchObject({
      officer: { sub: lent.sub, org: 'EMSOU' },
      mutualAidRequestId: 'request-1',
    });
  });

  it('keeps an urgent decision open until its meeting rules on it: a DEFER and a repeat are refused, an overturn brings a declined referral back', async () => {
    const referralId = newReferralId('urgent-overturn');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY, { actor: referrer }, undefined, {
      urgency: 'IMMEDIATE',
      threatToLife: true,
    });
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    const urgent = (decision: 'DEFER' | 'DECLINE_RETURN_TO_FORCE') =>
      handle.executeUpdate(taskingDecisionUpdate, { args: [{ actor: chair, decision, rationale: 'Threat to life' }] });
    const deferred = await refusal(() => urgent('DEFER'));
    expect(deferred.type).toBe('BUSINESS_RULE');
    expect((await urgent('DECLINE_RETURN_TO_FORCE')).status).toBe('DECLINED');
    const again = await refusal(() => urgent('DECLINE_RETURN_TO_FORCE'));
    expect(again.type).toBe('NOT_ALLOWED_IN_STATE');

    // Declined is terminal, yet the workflow waits for the meeting that ratifies or overturns it.
    await sleep(300);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const ratify = (outcome: 'RATIFY' | 'OVERTURN', decision: 'ADOPT_SUPPORT_ONLY' | 'DECLINE_RETURN_TO_FORCE') =>
      handle.executeUpdate(ratificationUpdate, {
        args: [{ actor: chair, meetingId: 'meeting-9', outcome, decision, rationale: 'TTCG view' }],
      });
    const overturned = await ratify('OVERTURN', 'ADOPT_SUPPORT_ONLY');
    expect(overturned.status).toBe('ADOPTED');
    expect(deadline(overturned, 'ALLOCATION').status).toBe('PENDING');
    const twice = await refusal(() => ratify('RATIFY', 'DECLINE_RETURN_TO_FORCE'));
    expect(twice.type).toBe('NOT_ALLOWED_IN_STATE');
    expect(twice.message).toContain('awaits ratification');
    expect(activities.transitionsFor(workflowId).map((event) => `${event.action}:${event.to}`)).toEqual([
      'TRIAGE:ASSESSMENT',
      'ASSESS:AWAITING_DECISION',
      'DECIDE:DECLINED',
      'RATIFICATION:ADOPTED',
    ]);
    expect(activities.transitionsFor(workflowId).at(-1)?.taskingDecision).toEqual({
      decision: 'ADOPT_SUPPORT_ONLY',
      rationale: 'TTCG view',
      meetingId: 'meeting-9',
    });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await recordHistory('urgent-overturn', handle);
    await handle.terminate('urgent overturn test finished');
  });

  it('refuses to close a tasking whose urgent adoption awaits ratification; closes it once ratified', async () => {
    const referralId = newReferralId('close-after-ratification');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY, { actor: referrer }, undefined, {
      urgency: 'IMMEDIATE',
      threatToLife: true,
    });
    const manager: Actor = { ...assessor, sub: 'u-manager', roles: ['ROCU_MANAGER'] };
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' }],
    });
    await handle.executeUpdate(allocateSioUpdate, {
      args: [
        {
          actor: manager,
          officer: { sub: 'sio-urgent', name: 'DCI Urgent', org: REGION, region: REGION },
          justification: 'On call',
          conflictDeclaration: { hasConflict: false },
        },
      ],
    });
    await handle.executeUpdate(nameLroUpdate, {
      args: [{ actor: referrer, lro: { sub: 'lro-urgent', name: 'DI Urgent', org: OWNER_ORG } }],
    });
    const close = () => handle.executeUpdate(closeReferralUpdate, { args: [{ actor: manager, outcome: 'Charged' }] });

    const early = await refusal(close);
    expect(early.type).toBe('NOT_ALLOWED_IN_STATE');
    expect(early.message).toContain('once its urgent decision is ratified');
    const ratified = await handle.executeUpdate(ratificationUpdate, {
      args: [
        {
          actor: chair,
          meetingId: 'meeting-7',
          outcome: 'RATIFY',
          decision: 'ADOPT_ROCU_LEAD',
          rationale: 'TTCG view',
        },
      ],
    });
    expect(ratified.status).toBe('ACTIVE');
    expect((await close()).status).toBe('CLOSED');
    await client.workflow.getHandle(planWorkflowId(referralId)).result();
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    await expect(handle.result()).resolves.toBeUndefined();
    expect(activities.transitionsFor(workflowId).map((event) => `${event.action}:${event.to}`)).toEqual([
      ...TO_ACTIVE,
      'RATIFICATION:ACTIVE',
      'CLOSE:CLOSED',
      'ASSESS:CLOSED',
    ]);
    await recordHistory('close-after-ratification', handle);
  });

  it('reopens the plan when a tasking stood down by an overturn is adopted again: same actions, numbering on', async () => {
    const referralId = newReferralId('plan-reopened');
    const workflowId = referralWorkflowId(referralId);
    // Allocation due two days after adoption by the clock: a working-day deadline from two adoptions seconds
    // apart falls due at the same instant out of working hours (a weekend), and this test compares them.
    const planPolicy = {
      ...DEFAULT_PLAN_POLICY,
      allocation: { due: { elapsedMs: 48 * HOUR_MS }, reminderFraction: 0.75 },
    };
    const { handle } = await submit(
      referralId,
      RELAXED_POLICY,
      { actor: referrer },
      undefined,
      { urgency: 'IMMEDIATE', threatToLife: true },
      { planPolicy },
    );
    const allocate = allocator(handle);
    const plan = client.workflow.getHandle(planWorkflowId(referralId));
    const addAction = (actor: Actor, description: string) =>
      plan.executeUpdate(addActionUpdate, {
        args: [
          {
            actor,
            pillar: 'PURSUE' as const,
            description,
            ownerOrg: actor.org,
            ownerName: actor.name,
            dueAt: '2027-01-31T17:00:00.000Z',
            partners: [],
          },
        ],
      });
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    const adopted = await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' }],
    });
    await allocate(sio('sio-first'));
    const active = await handle.executeUpdate(nameLroUpdate, {
      args: [{ actor: referrer, lro: { sub: 'lro-wyp', name: 'DI Clarke', org: OWNER_ORG } }],
    });
    expect(active.status).toBe('ACTIVE');
    const first = await addAction(sio('sio-first'), 'Arrest the principal');
    // The owners hold this cycle's joint review: the next may not open before the cycle's reminder.
    const lro: Actor = { sub: 'lro-wyp', name: 'DI Clarke', roles: ['LRO'], org: OWNER_ORG, region: REGION };
    const sign = (actor: Actor, summary: string) =>
      plan.executeUpdate(signReviewUpdate, { args: [{ actor, summary }] });
    await sign(sio('sio-first'), 'On track');
    expect((await sign(lro, 'Agreed')).completedAt).toEqual(expect.any(String));
    const planChanges = () => activities.planChanges.filter((change) => change.referralId === referralId);
    expect(planChanges().at(-1)?.nextReviewOpensAt).toEqual(expect.any(String));

    // The next TTCG overturns the urgent adoption: deferred, the tasking stands down and its plan closes.
    const deferred = await handle.executeUpdate(ratificationUpdate, {
      args: [{ actor: chair, meetingId: 'meeting-1', outcome: 'OVERTURN', decision: 'DEFER', rationale: 'Capacity' }],
    });
    expect(deferred.status).toBe('DEFERRED');
    await plan.result();
    // A later TTCG adopts it; the LRO is still named, so the new SIO makes it active again.
    const readopted = await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Now in capacity', meetingId: 'meeting-2' }],
    });
    expect(readopted.status).toBe('ADOPTED');
    // The allocation clock starts again from this adoption: pending, due later than the first one was.
    const allocation = deadline(readopted, 'ALLOCATION');
    expect(allocation.status).toBe('PENDING');
    expect(ms(allocation.dueAt)).toBeGreaterThan(ms(deadline(adopted, 'ALLOCATION').dueAt));
    const reactivated = await allocate(sio('sio-second'));
    expect(reactivated).toMatchObject({ allocated: true, snapshot: { status: 'ACTIVE' } });

    expect((await plan.describe()).status.name).toBe('RUNNING');
    expect(await plan.query(planSnapshotQuery)).toMatchObject({
      sio: { sub: 'sio-second' },
      lro: { sub: 'lro-wyp' },
      closed: false,
      actions: [{ id: first.id, description: 'Arrest the principal' }],
    });
    await addAction(sio('sio-second'), 'Disrupt the supply line');
    // The reopened plan's cycle has had no review: the one held before the stand-down does not count.
    expect(planChanges().at(-1)?.nextReviewOpensAt).toBeNull();
    expect(await sign(sio('sio-second'), 'Picked up the plan')).toMatchObject({ signatures: [{ sub: 'sio-second' }] });
    const numbered = planChanges().map((c) => c.seq);
    expect(numbered).toEqual(numbered.map((_seq, index) => index + 1));
    expect(
      activities
        .transitionsFor(workflowId)
        .filter((event) => event.planStarted)
        .map((event) => event.action),
    ).toEqual(['NAME_LRO', 'ALLOCATE_SIO']);
    await recordHistory('plan-reopened-fresh-allocation', handle);
    await plan.terminate('plan reopened test finished');
    await handle.terminate('plan reopened test finished');
  });

  it('does not count a signature from before a stand-down on the reopened plan: both sign again', async () => {
    const referralId = newReferralId('plan-reopened-half-signed');
    const urgent = { urgency: 'IMMEDIATE' as const, threatToLife: true };
    const { handle } = await submit(referralId, RELAXED_POLICY, { actor: referrer }, undefined, urgent);
    const allocate = allocator(handle);
    const lro: Actor = { sub: 'lro-wyp', name: 'DI Clarke', roles: ['LRO'], org: OWNER_ORG, region: REGION };
    const plan = client.workflow.getHandle(planWorkflowId(referralId));
    const sign = (actor: Actor, summary: string) =>
      plan.executeUpdate(signReviewUpdate, { args: [{ actor, summary }] });
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' }],
    });
    await allocate(sio('sio-first'));
    await handle.executeUpdate(nameLroUpdate, {
      args: [{ actor: referrer, lro: { sub: lro.sub, name: lro.name, org: OWNER_ORG } }],
    });
    // The LRO signs; the overturn comes before the SIO does.
    expect((await sign(lro, 'Half-way')).completedAt).toBeUndefined();
    await handle.executeUpdate(ratificationUpdate, {
      args: [{ actor: chair, meetingId: 'meeting-1', outcome: 'OVERTURN', decision: 'DEFER', rationale: 'Capacity' }],
    });
    await plan.result();
    await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Now in capacity', meetingId: 'meeting-2' }],
    });
    expect((await allocate(sio('sio-second'))).snapshot.status).toBe('ACTIVE');

    // The new SIO's signature does not complete it with the LRO's from before; the LRO signs again, and it does.
    expect((await sign(sio('sio-second'), 'Picked up the plan')).completedAt).toBeUndefined();
    const completed = await sign(lro, 'Agreed, again');
    expect(completed.completedAt).toEqual(expect.any(String));
    expect(completed.signatures.map((signature) => signature.summary)).toEqual([
      'Half-way',
      'Picked up the plan',
      'Agreed, again',
    ]);
    await recordHistory('plan-reopened-half-signed', plan);
    await handle.terminate('half-signed review test finished');
  });

  it('replaces the SIO and the LRO of a running plan, with a reason: the plan changes hands', async () => {
    const referralId = newReferralId('owners');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY);
    const manager: Actor = { ...assessor, sub: 'u-manager', roles: ['ROCU_MANAGER'] };
    const officer = (sub: string) => ({ sub, name: `DCI ${sub}`, org: REGION, region: REGION });
    const allocation = (sub: string) => ({
      actor: manager,
      officer: officer(sub),
      justification: 'Specialist',
      conflictDeclaration: { hasConflict: false },
    });
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, {
      args: [
        {
          actor: assessor,
          assessment: workedExample,
          scheme: DEFAULT_SCORING_SCHEME,
          route: 'TTCG' as const,
          rationale: workedRationale,
        },
      ],
    });
    await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Necessary', meetingId: 'meeting-1' }],
    });
    await handle.executeUpdate(allocateSioUpdate, { args: [allocation('sio-1')] });
    await handle.executeUpdate(nameLroUpdate, {
      args: [{ actor: referrer, lro: { sub: 'lro-wyp', name: 'DI Clarke', org: OWNER_ORG } }],
    });
    const plan = client.workflow.getHandle(planWorkflowId(referralId));

    // Refused in the validator: the same SIO, no reason, a chair, a stranger's justification-free exception.
    expect(
      (
        await refusal(() =>
          handle.executeUpdate(reallocateSioUpdate, { args: [{ ...allocation('sio-1'), reason: 'x' }] }),
        )
      ).message,
    ).toBe('DCI sio-1 is already the SIO of this tasking.');
    expect(
      (
        await refusal(() =>
          handle.executeUpdate(reallocateSioUpdate, { args: [{ ...allocation('sio-2'), reason: ' ' }] }),
        )
      ).message,
    ).toContain('Give a reason');
    expect(
      (
        await refusal(() =>
          handle.executeUpdate(reallocateSioUpdate, { args: [{ ...allocation('sio-2'), actor: chair, reason: 'x' }] }),
        )
      ).type,
    ).toBe('ROLE_NOT_ALLOWED');
    expect(
      (
        await refusal(() =>
          handle.executeUpdate(reallocateSioUpdate, {
            args: [{ ...allocation('sio-2'), reason: 'x', ruleExceptions: ['CAPACITY'] }],
          }),
        )
      ).type,
    ).toBe('ALLOCATION_NEEDS_JUSTIFICATION');

    const reallocated = await handle.executeUpdate(reallocateSioUpdate, {
      args: [{ ...allocation('sio-2'), reason: 'Promoted out of the unit' }],
    });
    expect(reallocated).toMatchObject({ allocated: true, snapshot: { status: 'ACTIVE' } });
    const replaced = await handle.executeUpdate(replaceLroUpdate, {
      args: [{ actor: referrer, lro: { sub: 'lro-syp', name: 'DI Evans', org: 'SYP' }, reason: 'OCG moved' }],
    });
    expect(replaced.status).toBe('ACTIVE');
    expect(await plan.query(planSnapshotQuery)).toMatchObject({ sio: { sub: 'sio-2' }, lro: { sub: 'lro-syp' } });

    const changes = activities.transitionsFor(workflowId).filter((event) => event.ownerChange);
    expect(changes.map((event) => [event.action, event.to, event.reason, event.ownerChange])).toEqual([
      [
        'REALLOCATE_SIO',
        'ACTIVE',
        'Promoted out of the unit',
        {
          role: 'SIO',
          from: { sub: 'sio-1', name: 'DCI sio-1', org: REGION },
          to: { sub: 'sio-2', name: 'DCI sio-2', org: REGION },
          reason: 'Promoted out of the unit',
        },
      ],
      [
        'REPLACE_LRO',
        'ACTIVE',
        'OCG moved',
        {
          role: 'LRO',
          from: { sub: 'lro-wyp', name: 'DI Clarke', org: OWNER_ORG },
          to: { sub: 'lro-syp', name: 'DI Evans', org: 'SYP' },
          reason: 'OCG moved',
        },
      ],
    ]);
    // Staying ACTIVE starts no second plan.
    expect(activities.transitionsFor(workflowId).filter((event) => event.planStarted)).toHaveLength(1);

    await handle.executeUpdate(closeReferralUpdate, { args: [{ actor: manager, outcome: 'Charged' }] });
    await plan.result();
    await recordHistory('owner-replacement', handle);
    await recordHistory('plan-owner-change', plan);
  });

  /** An IMMEDIATE referral assessed for a meeting, its decision due 3 s later and reminded at half time. */
  async function awaitingUrgentDecision(name: string) {
    const referralId = newReferralId(name);
    const decisionClock = { untilEndOfLondonDay: false, atLeastMs: 3000, reminderFraction: 0.5 };
    const { handle } = await submit(
      referralId,
      RELAXED_POLICY,
      { actor: referrer },
      undefined,
      { urgency: 'IMMEDIATE', threatToLife: true },
      { decisionClock },
    );
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    const assessed = await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    return { workflowId: referralWorkflowId(referralId), handle, assessed };
  }

  it('gives an IMMEDIATE referral awaiting decision a decision clock: reminds the chair, escalates once, met by the decision', async () => {
    const { workflowId, handle, assessed } = await awaitingUrgentDecision('decision-clock');
    const clock = deadline(assessed.snapshot, 'DECISION');
    expect(clock.status).toBe('PENDING');
    expect(ms(clock.dueAt) - ms(clock.remindAt)).toBe(1500);

    const fired = await eventually(
      async () => activities.notificationsFor(workflowId),
      (calls) => calls.length >= 2,
      'the decision reminder and escalation',
      10_000,
    );
    expect(fired.map((call) => `${call.kind}:${call.stage}`)).toEqual(['REMINDER:DECISION', 'ESCALATION:DECISION']);
    expect(fired[1]?.dueAt).toBe(clock.dueAt);

    const decided = await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'DEFER', rationale: 'Next TTCG', meetingId: 'meeting-3' }],
    });
    expect(deadline(decided, 'DECISION')).toMatchObject({ status: 'BREACHED', escalatedAt: expect.any(String) });
    await sleep(300);
    expect(activities.notificationsFor(workflowId)).toHaveLength(2);
    await handle.terminate('decision clock test finished');
  });

  it('gives an IMMEDIATE referral re-scored, sent national and returned a fresh decision clock when assessed again', async () => {
    const { workflowId, handle } = await awaitingUrgentDecision('decision-again');
    const told = () => activities.notificationsFor(workflowId).map((call) => `${call.kind}:${call.nationalRound}`);
    await eventually(
      async () => told(),
      (seen) => seen.length >= 2,
      'the first wait escalated',
      10_000,
    );

    const sent = await handle.executeUpdate(assessUpdate, {
      args: [{ ...assessWorkedExample, route: 'REFER_NATIONAL' as const }],
    });
    expect(sent.snapshot.status).toBe('REFERRED_NATIONAL');
    const back = await handle.executeUpdate(nationalReturnUpdate, { args: [{ actor: nca, reasons: 'Regional' }] });
    expect(back.status).toBe('ASSESSMENT');
    const assessedAt = Date.now();
    const again = await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    expect(again.snapshot.status).toBe('AWAITING_DECISION');
    const clock = deadline(again.snapshot, 'DECISION');
    expect(clock.status).toBe('PENDING');
    expect(ms(clock.dueAt)).toBeGreaterThanOrEqual(assessedAt + 3000);

    const fired = await eventually(
      async () => told(),
      (seen) => seen.length >= 4,
      'the new wait told',
      10_000,
    );
    expect(fired).toEqual(['REMINDER:0', 'ESCALATION:0', 'REMINDER:1', 'ESCALATION:1']);
    expect(activities.notificationsFor(workflowId)[3]?.dueAt).toBe(clock.dueAt);
    await handle.terminate('fresh decision clock test finished');
    await recordHistory('decision-again-after-return', handle);
  });

  it('waits in the NCA queue once sent national: a return brings it back awaiting decision, an acceptance ends it', async () => {
    const referralId = newReferralId('national-queue');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY);
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    const sendNational = (meetingId: string) =>
      handle.executeUpdate(taskingDecisionUpdate, {
        args: [
          { actor: chair, meetingId, decision: 'REFER_NATIONAL', rationale: 'National links', onwardReference: 'N-1' },
        ],
      });
    expect((await sendNational('meeting-1')).status).toBe('REFERRED_NATIONAL');
    const byChair = await refusal(() =>
      handle.executeUpdate(nationalReturnUpdate, { args: [{ actor: chair, reasons: 'Not the chair' }] }),
    );
    expect(byChair.type).toBe('ROLE_NOT_ALLOWED');

    const returned = await handle.executeUpdate(nationalReturnUpdate, {
      args: [{ actor: nca, reasons: 'Regional in scope' }],
    });
    expect(returned.status).toBe('AWAITING_DECISION');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await sendNational('meeting-2')).status).toBe('REFERRED_NATIONAL');
    const accepted = await handle.executeUpdate(nationalAcceptUpdate, {
      args: [{ actor: nca, reference: 'NCA-2026-7' }],
    });
    expect(accepted.status).toBe('REFERRED_NATIONAL');
    await expect(handle.result()).resolves.toBeUndefined();
    expect(activities.transitionsFor(workflowId).map((event) => `${event.action}:${event.to}`)).toEqual([
      'TRIAGE:ASSESSMENT',
      'ASSESS:AWAITING_DECISION',
      'DECIDE:REFERRED_NATIONAL',
      'NATIONAL_RETURN:AWAITING_DECISION',
      'DECIDE:REFERRED_NATIONAL',
      'NATIONAL_ACCEPT:REFERRED_NATIONAL',
    ]);
    expect(activities.transitionsFor(workflowId).at(-1)?.national).toEqual({
      outcome: 'ACCEPTED',
      reference: 'NCA-2026-7',
    });
    await recordHistory('national-queue', handle);
  });

  /** A referral triaged into an assessment due 8 s after submission, reminded at half time. */
  async function triagedWithShortAssessment(name: string) {
    const referralId = newReferralId(name);
    const policy: DeadlinePolicy = {
      TRIAGE: { due: { elapsedMs: 24 * HOUR_MS }, reminderFraction: 0.75 },
      ASSESSMENT: { due: { elapsedMs: 8_000 }, reminderFraction: 0.5 },
    };
    const { handle } = await submit(referralId, policy);
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    return { workflowId: referralWorkflowId(referralId), handle };
  }

  /**
   * The NCA returns it: back in assessment, its deadline pending again and later than `first` by the time since
   * `stoppedAt` (give or take the Updates' own round trips).
   */
  async function returnedToAssessment(handle: WorkflowHandle, first: DeadlineView, stoppedAt: number) {
    const returned = await handle.executeUpdate(nationalReturnUpdate, {
      args: [{ actor: nca, reasons: 'Regional in scope' }],
    });
    const returnedAt = Date.now();
    expect(returned.status).toBe('ASSESSMENT');
    const resumed = deadline(returned, 'ASSESSMENT');
    expect(resumed.status).toBe('PENDING');
    const held = ms(resumed.dueAt) - ms(first.dueAt);
    expect(held).toBeGreaterThanOrEqual(returnedAt - stoppedAt - 1_000);
    expect(held).toBeLessThanOrEqual(returnedAt - stoppedAt + 1_000);
    return resumed;
  }

  it('resumes the assessment where it stopped when the NCA returns a referral the assessor sent it', async () => {
    // The NCA holds it past the assessment's due time.
    const { workflowId, handle } = await triagedWithShortAssessment('national-return-clock');
    const sent = await handle.executeUpdate(assessUpdate, {
      args: [{ ...assessWorkedExample, route: 'REFER_NATIONAL' as const }],
    });
    expect(sent.snapshot.status).toBe('REFERRED_NATIONAL');
    const first = deadline(sent.snapshot, 'ASSESSMENT');
    expect(first.status).toBe('MET');
    const sentAt = Date.now();
    await sleep(Math.max(0, ms(first.dueAt) + 1_000 - sentAt));

    // Due later by the time in the NCA's queue.
    const resumed = await returnedToAssessment(handle, first, sentAt);
    expect(activities.notificationsFor(workflowId)).toEqual([]);

    const fired = await eventually(
      async () => activities.notificationsFor(workflowId),
      (calls) => calls.length >= 2,
      'the resumed assessment reminder and escalation',
      20_000,
    );
    expect(fired.map((call) => `${call.kind}:${call.stage}`)).toEqual(['REMINDER:ASSESSMENT', 'ESCALATION:ASSESSMENT']);
    expect(fired[1]?.dueAt).toBe(resumed.dueAt);
    // Told as the first national round's, so a fresh clock due at the same instant is not taken for the old one's.
    expect(fired.map((call) => call.nationalRound)).toEqual([1, 1]);
    await handle.terminate('national return clock test finished');
    await recordHistory('national-return-resumes-clock', handle);
  });

  it('resumes a re-scored assessment the NCA returns from when it was done, not overdue at once', async () => {
    // The referral waits past the assessment's due time for a meeting before its re-score.
    const { workflowId, handle } = await triagedWithShortAssessment('national-return-rescored');
    const assessed = await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    const assessedAt = Date.now();
    expect(assessed.snapshot.status).toBe('AWAITING_DECISION');
    const first = deadline(assessed.snapshot, 'ASSESSMENT');
    await sleep(Math.max(0, ms(first.dueAt) + 1_000 - assessedAt));

    const reScored = await handle.executeUpdate(assessUpdate, {
      args: [{ ...assessWorkedExample, route: 'REFER_NATIONAL' as const }],
    });
    expect(reScored.snapshot.status).toBe('REFERRED_NATIONAL');
    // Due later by everything since the assessment was done.
    await returnedToAssessment(handle, first, assessedAt);
    await sleep(500);
    expect(activities.notificationsFor(workflowId)).toEqual([]);
    await handle.terminate('re-scored national return test finished');
    await recordHistory('national-return-rescored', handle);
  });

  it("runs the NCA's answer clock while an urgent referral to it awaits ratification, and ends once both are settled", async () => {
    const referralId = newReferralId('urgent-national');
    const workflowId = referralWorkflowId(referralId);
    // The NCA's answer due 3 s after the referral is sent, reminded at half time.
    const { handle } = await submit(
      referralId,
      RELAXED_POLICY,
      { actor: referrer },
      undefined,
      { urgency: 'IMMEDIATE', threatToLife: true },
      { nationalResponse: { due: { elapsedMs: 3_000 }, reminderFraction: 0.5 } },
    );
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    const sent = await handle.executeUpdate(taskingDecisionUpdate, {
      args: [
        {
          actor: chair,
          decision: 'REFER_NATIONAL',
          rationale: 'Threat to life, national links',
          onwardReference: 'N-9',
        },
      ],
    });
    expect(sent.status).toBe('REFERRED_NATIONAL');
    // No meeting has ratified it yet, and the NCA is reminded, then the answer escalated, on time.
    const told = () => activities.nationalNotifications.filter((notice) => notice.workflowId === workflowId);
    const kinds = await eventually(
      () => told().map((notice) => notice.kind),
      (seen) => seen.length >= 2,
      'the NCA reminded and escalated',
      20_000,
    );
    expect(kinds).toEqual(['REMINDER', 'ESCALATION']);

    await handle.executeUpdate(nationalAcceptUpdate, { args: [{ actor: nca, reference: 'NCA-2026-9' }] });
    await sleep(300);
    // Accepted, it still waits for the meeting: the ratification (allowed only while pending) ends it.
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.executeUpdate(ratificationUpdate, {
      args: [
        { actor: chair, meetingId: 'meeting-3', outcome: 'RATIFY', decision: 'REFER_NATIONAL', rationale: 'Agreed' },
      ],
    });
    await expect(handle.result()).resolves.toBeUndefined();
    await recordHistory('urgent-national', handle);
  });

  it("takes an NCA tasking request straight to awaiting decision with the NCA's score; only a meeting may decline it", async () => {
    const referralId = newReferralId('national-tasking');
    const workflowId = referralWorkflowId(referralId);
    const nationalTasking = {
      nationalPriority: 'FIREARMS',
      assessment: workedExample,
      scheme: DEFAULT_SCORING_SCHEME,
      rationale: workedRationale,
    };
    const { result, handle } = await submit(
      referralId,
      RELAXED_POLICY,
      { actor: nca, correlationId: 'corr-tasking' },
      undefined,
      { urgency: 'IMMEDIATE', threatToLife: true },
      { submittedBy: nca, ownerOrg: 'NCA', nationalTasking },
    );
    // The submission answers once the request is on the region's agenda.
    expect(result).toMatchObject({ created: true, snapshot: { status: 'AWAITING_DECISION', seq: 1 } });
    const [entered] = activities.transitionsFor(workflowId);
    expect(entered).toMatchObject({
      action: 'NATIONAL_TASKING',
      from: 'SUBMITTED',
      to: 'AWAITING_DECISION',
      actor: nca,
      correlationId: 'corr-tasking',
      nationalTasking: { nationalPriority: 'FIREARMS' },
      assessment: { route: 'TTCG', score: { priority: 'P2' } },
    });
    // Not declined out of meeting, nor returned to a force by an assessment: a meeting's justification is reported.
    const declineUrgently = { actor: chair, decision: 'DECLINE_RETURN_TO_FORCE', rationale: 'No capacity' } as const;
    const refusals = [
      await refusal(() => handle.executeUpdate(taskingDecisionUpdate, { args: [declineUrgently] })),
      await refusal(() =>
        handle.executeUpdate(assessUpdate, { args: [{ ...assessWorkedExample, route: 'RETURN_TO_FORCE' }] }),
      ),
    ];
    for (const refused of refusals) {
      expect(refused).toMatchObject({ type: 'BUSINESS_RULE', message: expect.stringContaining('only by a meeting') });
    }
    const declined = await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ ...declineUrgently, meetingId: 'meeting-n' }],
    });
    expect(declined.status).toBe('DECLINED');
    await expect(handle.result()).resolves.toBeUndefined();
    expect(activities.transitionsFor(workflowId).map((event) => `${event.action}:${event.to}`)).toEqual([
      'NATIONAL_TASKING:AWAITING_DECISION',
      'DECIDE:DECLINED',
    ]);
    await recordHistory('national-tasking-request', handle);
  });

  it('records GAIN partner checks keeping the status, and a GAIN disposal ends the referral', async () => {
    const referralId = newReferralId('partner-checks');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, RELAXED_POLICY);
    const gain: Actor = { ...assessor, sub: 'u-gain', roles: ['GAIN_COORDINATOR'] };
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    const check = {
      agency: 'HMRC',
      requestedOn: '2026-11-02',
      result: 'HIT' as const,
      reference: 'H-1',
      checkedOn: '2026-11-03',
    };
    expect((await handle.executeUpdate(recordPartnerCheckUpdate, { args: [{ actor: gain, check }] })).status).toBe(
      'ASSESSMENT',
    );
    const byAssessor = await refusal(() =>
      handle.executeUpdate(recordPartnerCheckUpdate, { args: [{ actor: assessor, check }] }),
    );
    expect(byAssessor.type).toBe('ROLE_NOT_ALLOWED');
    const disposed = await handle.executeUpdate(disposeToPartnerUpdate, {
      args: [{ actor: gain, agency: 'HMRC', reference: 'HMRC-FIS-1', rationale: 'HMRC leads' }],
    });
    expect(disposed.status).toBe('REFERRED_PARTNER');
    await expect(handle.result()).resolves.toBeUndefined();
    const transitions = activities.transitionsFor(workflowId);
    expect(transitions.map((event) => `${event.action}:${event.to}`)).toEqual([
      'TRIAGE:ASSESSMENT',
      'RECORD_PARTNER_CHECK:ASSESSMENT',
      'DISPOSE_TO_PARTNER:REFERRED_PARTNER',
    ]);
    expect(transitions[1].partnerCheck).toEqual(check);
    expect(transitions[2].partnerDisposal).toEqual({ agency: 'HMRC', reference: 'HMRC-FIS-1' });
    await recordHistory('partner-checks', handle);
  });

  it('keeps the information pause running through a partner check recorded while it lasts', async () => {
    const referralId = newReferralId('partner-check-while-paused');
    const workflowId = referralWorkflowId(referralId);
    const { handle } = await submit(referralId, PAUSE_POLICY);
    const gain: Actor = { ...assessor, sub: 'u-gain', roles: ['GAIN_COORDINATOR'] };
    await handle.executeUpdate(triageUpdate, {
      args: [{ actor: assessor, decision: 'REQUEST_INFO', reason: 'Which nominals hold the firearms?' }],
    });
    const check = { agency: 'HMRC', requestedOn: '2026-11-02', result: 'NO_HIT' as const, checkedOn: '2026-11-03' };
    const checked = await handle.executeUpdate(recordPartnerCheckUpdate, { args: [{ actor: gain, check }] });
    expect(checked.status).toBe('INFO_REQUESTED');
    expect(deadline(checked, 'TRIAGE').status).toBe('PAUSED');
    const pausedFor = 1500;
    await sleep(pausedFor);
    await handle.executeUpdate(provideInformationUpdate, { args: [{ actor: referrer, response: 'NOMINAL-1' }] });
    const transitions = activities.transitionsFor(workflowId);
    expect(transitions.map((event) => `${event.action}:${event.to}`)).toEqual([
      'TRIAGE:INFO_REQUESTED',
      'RECORD_PARTNER_CHECK:INFO_REQUESTED',
      'PROVIDE_INFORMATION:TRIAGE',
    ]);
    // The whole pause, from the request to the answer, is given back (it was lost at the check before).
    expect(transitions[2].pausedMs).toBeGreaterThanOrEqual(pausedFor);
    await recordHistory('partner-check-while-paused', handle);
  });
});

describe('Updates the workflow receives together (sent while no worker polled its queue)', () => {
  const QUEUE = `${TASK_QUEUE}-together`;
  const manager: Actor = { ...assessor, sub: 'u-manager', roles: ['ROCU_MANAGER'] };
  const implementation = { ...activities.implementation, ...activities.planImplementation };
  let together: WorkflowTestHarness | undefined;

  beforeAll(async () => {
    together = await startWorkflowTestHarness(QUEUE, implementation);
  });

  afterAll(async () => {
    await together?.close();
  });

  const allocation = (sub: string) => ({
    actor: manager,
    officer: { sub, name: `DCI ${sub}`, org: REGION, region: REGION },
    justification: 'Specialist',
    conflictDeclaration: { hasConflict: false },
  });

  /** An IMMEDIATE referral adopted urgently (its ratification pending), with its SIO and LRO: ACTIVE. */
  async function activeAfterUrgentAdoption(referralId: string): Promise<WorkflowHandle> {
    const urgent = { urgency: 'IMMEDIATE' as const, threatToLife: true };
    const { handle } = await submit(referralId, RELAXED_POLICY, { actor: referrer }, undefined, urgent, {}, QUEUE);
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' }],
    });
    await handle.executeUpdate(allocateSioUpdate, { args: [allocation('sio-1')] });
    const active = await handle.executeUpdate(nameLroUpdate, {
      args: [{ actor: referrer, lro: { sub: 'lro-wyp', name: 'DI Clarke', org: OWNER_ORG } }],
    });
    expect(active.status).toBe('ACTIVE');
    return handle;
  }

  /** Whether the server has admitted the Update (a poll without a wait policy answers at once, or not found). */
  const admitted = (workflowId: string, updateId: string): Promise<boolean> =>
    client.workflowService
      .pollWorkflowExecutionUpdate({ namespace: 'default', updateRef: { workflowExecution: { workflowId }, updateId } })
      .then(
        () => true,
        () => false,
      );

  /**
   * Sends the Updates in turn while the queue's worker is stopped, each once the server has admitted the one
   * before, then starts the worker again: they reach the workflow in that order in one activation, and each
   * passes its validator before any handler resumes from an await.
   */
  async function deliveredTogether(
    handle: WorkflowHandle,
    updates: [name: string, send: (options: { updateId: string }) => Promise<unknown>][],
  ): Promise<PromiseSettledResult<unknown>[]> {
    await together?.close();
    const sent: Promise<unknown>[] = [];
    for (const [name, send] of updates) {
      const updateId = `${handle.workflowId}-${name}`;
      sent.push(send({ updateId }));
      await eventually(() => admitted(handle.workflowId, updateId), Boolean, `the server to admit ${name}`);
    }
    together = await startWorkflowTestHarness(QUEUE, implementation);
    return Promise.allSettled(sent);
  }

  /** Meeting 1's overturn of the urgent adoption: deferred, the tasking stands down. */
  const overturn = {
    actor: chair,
    meetingId: 'meeting-1',
    outcome: 'OVERTURN',
    decision: 'DEFER',
    rationale: 'No capacity',
  } as const;

  const outcomes = (settled: PromiseSettledResult<unknown>[]) =>
    settled.map((result) =>
      result.status === 'fulfilled'
        ? 'done'
        : ((result.reason as { cause?: { type?: string } }).cause?.type ?? String(result.reason)),
    );

  it("lets one meeting's overturn of an urgent adoption finish before another meeting's ratification is taken", async () => {
    const referralId = newReferralId('overturn-beside-ratify');
    const handle = await activeAfterUrgentAdoption(referralId);
    const ratify = {
      actor: chair,
      meetingId: 'meeting-2',
      outcome: 'RATIFY',
      decision: 'ADOPT_ROCU_LEAD',
      rationale: 'Yes',
    } as const;
    const settled = await deliveredTogether(handle, [
      ['overturn', (options) => handle.executeUpdate(ratificationUpdate, { ...options, args: [overturn] })],
      ['ratify', (options) => handle.executeUpdate(ratificationUpdate, { ...options, args: [ratify] })],
    ]);
    // The overturn stands and its plan is closed; the other meeting is told to read the referral again. (Before,
    // the ratification was applied while the overturn closed the plan, and the overturn was then refused: an
    // ACTIVE tasking left without its plan.)
    expect(outcomes(settled)).toEqual(['done', 'NOT_ALLOWED_IN_STATE']);
    expect((await handle.query(referralSnapshotQuery)).status).toBe('DEFERRED');
    // Its plan ends once it has closed (a moment after the overturn is answered).
    const plan = client.workflow.getHandle(planWorkflowId(referralId));
    await eventually(
      async () => (await plan.describe()).status.name,
      (status) => status === 'COMPLETED',
      'the plan',
    );
  });

  it('refuses an allocation that arrives together with the same officer declaring a conflict', async () => {
    const referralId = newReferralId('allocation-beside-conflict');
    const { handle } = await submit(referralId, RELAXED_POLICY, { actor: referrer }, undefined, {}, {}, QUEUE);
    await handle.executeUpdate(triageUpdate, { args: [{ actor: assessor, decision: 'ACCEPT', reason: 'In remit' }] });
    await handle.executeUpdate(assessUpdate, { args: [assessWorkedExample] });
    await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Necessary', meetingId: 'meeting-1' }],
    });
    const declared = {
      ...allocation('sio-1'),
      conflictDeclaration: { hasConflict: true, details: 'Knows the family' },
    };
    const settled = await deliveredTogether(handle, [
      ['allocate', (options) => handle.executeUpdate(allocateSioUpdate, { ...options, args: [allocation('sio-1')] })],
      ['declare', (options) => handle.executeUpdate(allocateSioUpdate, { ...options, args: [declared] })],
    ]);
    // The declaration is recorded and blocks the officer; the allocation beside it is refused.
    expect(outcomes(settled)).toEqual(['CONFLICT_OF_INTEREST', 'done']);
    expect((await handle.query(referralSnapshotQuery)).status).toBe('ADOPTED');
  });

  it('reallocates the SIO once when the same reallocation arrives twice together', async () => {
    const handle = await activeAfterUrgentAdoption(newReferralId('reallocation-twice'));
    const reallocation = { ...allocation('sio-2'), reason: 'Promoted out of the unit' };
    const settled = await deliveredTogether(handle, [
      ['first', (options) => handle.executeUpdate(reallocateSioUpdate, { ...options, args: [reallocation] })],
      ['second', (options) => handle.executeUpdate(reallocateSioUpdate, { ...options, args: [reallocation] })],
    ]);
    // The second is refused while the first is being recorded (before, by the owner rule once the first had yielded).
    expect(outcomes(settled)).toEqual(['done', 'NOT_ALLOWED_IN_STATE']);
    const changes = activities.transitionsFor(handle.workflowId).filter((event) => event.ownerChange);
    expect(changes.map((event) => [event.ownerChange?.from.sub, event.ownerChange?.to.sub])).toEqual([
      ['sio-1', 'sio-2'],
    ]);
  });

  it('keeps the recorded LRO when a replacement arrives together with an overturn that stands the tasking down', async () => {
    const referralId = newReferralId('lro-replacement-beside-overturn');
    const handle = await activeAfterUrgentAdoption(referralId);
    const replacement = {
      actor: referrer,
      lro: { sub: 'lro-new', name: 'DI Evans', org: OWNER_ORG },
      reason: 'Moved on',
    };
    const settled = await deliveredTogether(handle, [
      ['overturn', (options) => handle.executeUpdate(ratificationUpdate, { ...options, args: [overturn] })],
      ['replace', (options) => handle.executeUpdate(replaceLroUpdate, { ...options, args: [replacement] })],
    ]);
    expect(outcomes(settled)).toEqual(['done', 'NOT_ALLOWED_IN_STATE']);
    // Adopted again, the plan reopens with the LRO on record. (Before, with the refused newcomer, whom no
    // transition had recorded.)
    await handle.executeUpdate(taskingDecisionUpdate, {
      args: [{ actor: chair, decision: 'ADOPT_ROCU_LEAD', rationale: 'Now in capacity', meetingId: 'meeting-2' }],
    });
    const reactivated = await handle.executeUpdate(allocateSioUpdate, { args: [allocation('sio-2')] });
    expect(reactivated.snapshot.status).toBe('ACTIVE');
    const started = activities.transitionsFor(handle.workflowId).filter((event) => event.planStarted);
    expect(started.map((event) => event.planStarted?.lro.sub)).toEqual(['lro-wyp', 'lro-wyp']);
    const plan = client.workflow.getHandle(planWorkflowId(referralId));
    expect(await plan.query(planSnapshotQuery)).toMatchObject({ sio: { sub: 'sio-2' }, lro: { sub: 'lro-wyp' } });
  });
});
