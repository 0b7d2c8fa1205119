import {
  allHandlersFinished,
  ApplicationFailure,
  ChildWorkflowHandle,
  condition,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  Actor,
  activeStage,
  applyReferralEvent,
  availableActions,
  checkUrgentDecision,
  DEFAULT_PLAN_POLICY,
  DeadlineStage,
  effectiveUrgency,
  exceptionRefusal,
  sioAllocationRefusal,
  initialReferralState,
  isDecisionAgain,
  isReadoption,
  isTerminal,
  NATIONAL_RESPONSE_POLICY,
  nationalDeclineOutsideMeetingRefusal,
  noteReferralFact,
  ownerChangeRefusal,
  Participant,
  PlanPolicy,
  PlanRole,
  PlanState,
  ReferralEvent,
  ReferralFact,
  ReferralState,
  ReferralStateSettings,
  ReferralStatus,
  reopenPlan,
  reviewPolicyOf,
  reviewCycle,
  scoreAssessment,
  standsTaskingDown,
  transition,
  workingClockStart,
} from '@rocu/domain';
import {
  ActorCommand,
  AllocateSioCommand,
  allocateSioUpdate,
  AssessCommand,
  assessUpdate,
  changePlanOwnerSignal,
  closePlanSignal,
  closeReferralUpdate,
  disposeToPartnerUpdate,
  nameLroUpdate,
  nationalAcceptUpdate,
  nationalReturnUpdate,
  planWorkflowId,
  provideInformationUpdate,
  RatificationCommand,
  REFERRAL_REFERENCE,
  REFERRAL_REGION,
  REFERRAL_STAGE_DUE_AT,
  REFERRAL_STATUS,
  REFERRAL_URGENCY,
  ratificationUpdate,
  recordPartnerCheckUpdate,
  ReallocateSioCommand,
  reallocateSioUpdate,
  referralSnapshotQuery,
  ReplaceLroCommand,
  replaceLroUpdate,
  submitReferralUpdate,
  TaskingDecisionCommand,
  taskingDecisionUpdate,
  TriageCommand,
  triageUpdate,
  withdrawUpdate,
  type ReferralActivities,
  type ReferralSnapshot,
  type ReferralTransitionEvent,
  type ReferralWorkflowInput,
} from '@rocu/contracts';
import { deadlineViews, StagePolicies, stageDeadline } from './referral-deadlines';
import { planWorkflow, WORKING_TIME_REVIEW_REMINDERS_PATCH } from './plan.workflow';
import { changesBefore, refuseOnDomainError, UNTIL_PROJECTED } from './workflow-support';

/**
 * Referrals decided urgently stay open until a meeting ratifies or overturns the decision (even a terminal
 * one, such as a decline). Histories from before this change ended without waiting.
 */
export const AWAIT_RATIFICATION_PATCH = 'await-ratification-of-urgent-decision';

/**
 * Reminders at a fraction of the working time, and paused time given back as working time, for working-day
 * deadlines. Referrals started before keep the calendar rule, so their timers replay unchanged.
 */
export const WORKING_TIME_DEADLINES_PATCH = 'working-time-deadlines';
/** A partner check recorded while information is requested no longer ends the pause. */
export const PAUSE_SURVIVES_STAYS_PATCH = 'pause-survives-stays';

/**
 * A referral sent national waits in the NCA's queue for it to accept or return it (issue 16). Histories from
 * before this change ended on reaching REFERRED_NATIONAL.
 */
export const NATIONAL_QUEUE_PATCH = 'national-queue';

/**
 * The NCA's answer has a deadline (issue 16): a reminder to the NCA before it and an escalation at it, to the NCA
 * and the region's ROCU manager. Referrals already waiting in the queue before this change wait without it.
 */
export const NATIONAL_RESPONSE_DEADLINE_PATCH = 'national-response-deadline';

/**
 * A tasking request the NCA made (issue 16) enters the region's next TTCG agenda as it is made, with the NCA's
 * score. Only workflows started with `nationalTasking` take this path, so earlier histories replay unchanged.
 */
export const NATIONAL_TASKING_PATCH = 'national-tasking-request';

/**
 * The referral keeps its search attributes (reference, region, status, urgency, stage due) current for
 * Temporal's own tools. Upserts are commands: referrals started before this change never upsert.
 */
export const SEARCH_ATTRIBUTES_PATCH = 'referral-search-attributes';

/**
 * The plan is told to close once, however many closures (or overturns) arrive together: a second signal
 * reached a plan that had already ended and failed the closure with an unknown error (a 500, found by the
 * body fuzz) instead of the 409 the transition gives. Histories from before signalled on every closure.
 */
export const SINGLE_PLAN_CLOSURE_PATCH = 'single-plan-closure';

/**
 * A tasking stood down by an overturn and adopted again reopens its plan (same actions, same numbering) when it
 * is active again. Before, the plan stayed a closed handle: the second start never came and its projection
 * collided with the first plan's row, retrying for ever, so the allocation that re-activated it never answered.
 */
export const REOPEN_PLAN_PATCH = 'reopen-plan-after-stand-down';

/**
 * An urgent referral to the NCA waits in its queue with the answer's clock running while the decision awaits
 * ratification, and a referral the NCA returns meanwhile runs its own clocks again. Before, both waited for the
 * meeting first: the NCA was reminded late or never, and a returned referral's decision clock stood still.
 */
export const NATIONAL_CLOCK_BEFORE_RATIFICATION_PATCH = 'national-clock-before-ratification';

/**
 * A tasking adopted again after an overturn stood it down gets a fresh allocation clock. Before, the clock ran from
 * the first adoption: the ROCU manager was told at once that the allocation was overdue, or never told at all.
 */
export const FRESH_READOPTION_CLOCK_PATCH = 'fresh-readoption-allocation-clock';

/**
 * A referral the NCA returns resumes the stage it comes back to (see resumeAfterNational). Before, that stage
 * stayed met yet its clock ran again from submission: escalated at once, and shown as breached.
 */
export const NATIONAL_RETURN_RESUMES_CLOCK_PATCH = 'national-return-resumes-clock';

/**
 * An assessment re-scored after it was done and sent national resumes, when the NCA returns it, from when it was
 * done (see resumeFromAssessmentLeft). Before, it resumed from the sending: the wait for a meeting counted as
 * assessment time, and the returned referral was overdue at once.
 */
export const RESUME_FROM_ASSESSMENT_LEFT_PATCH = 'national-return-resumes-from-assessment-left';

/**
 * An urgent referral re-scored (awaiting a decision or deferred), sent national and returned to assessment gets a
 * fresh decision clock when it is assessed for a meeting again (see isDecisionAgain). Before, the first wait's
 * clock stood: met, so its new wait had no deadline, reminder or escalation.
 */
export const FRESH_DECISION_CLOCK_PATCH = 'fresh-decision-clock-after-return';

/**
 * A tasking closes only once its urgent decision is ratified (the CLOSE rule). Before, it could close first and the
 * decision never reached a meeting; a history holding such a closure replays as it ran.
 */
export const CLOSE_AFTER_RATIFICATION_PATCH = 'close-after-ratification';

/**
 * Working time paused before the gateway's clock started (work that arrived on a weekend or bank holiday starts
 * it at 09:00 on the next working day) is not given back. Before, it was: such a deadline fell up to 9 hours late.
 */
export const GATEWAY_CLOCK_START_PATCH = 'paused-time-from-clock-start';

/**
 * An SIO allocation or reallocation checks the transition, the conflict register and the owner rule again once its
 * own conflict check has yielded: Updates delivered in one activation all pass their validators first, so two
 * reallocations to the same officer were both applied (the second from them to themselves), and a conflict
 * declared beside an allocation did not stop it.
 */
export const SIO_RECHECK_PATCH = 'sio-checks-after-yield';

/**
 * A change of SIO or LRO notes the newcomer before it yields (so Updates validated meanwhile see them) and checks
 * again after: a closure or an overturn under way or applied in between refuses it, and the previous owner is
 * restored. Before, the refused newcomer stayed in the workflow's state, unrecorded, and a tasking adopted again
 * reopened its plan with them. One change per role at a time, so the owner restored is the one recorded.
 */
export const OWNER_CHANGE_RECHECK_PATCH = 'owner-change-rechecked';

/** The plan continues as new well before Temporal's 51,200-event cap. */
const DEFAULT_PLAN_CONTINUE_AS_NEW_AFTER = 10_000;

const {
  projectSubmission,
  projectTransition,
  recordDeadlineNotification,
  recordNationalResponseNotification,
  recordConflictDeclaration,
} = proxyActivities<ReferralActivities>({
  // Projections take milliseconds; a short timeout means work lost with a crashed worker is retried promptly.
  startToCloseTimeout: '10 seconds',
  retry: UNTIL_PROJECTED,
});

const triageEvent = (command: TriageCommand): ReferralEvent => ({ type: 'TRIAGE', decision: command.decision });
const informationEvent = (): ReferralEvent => ({ type: 'PROVIDE_INFORMATION' });
const assessEvent = (command: AssessCommand): ReferralEvent => ({ type: 'ASSESS', route: command.route });
const withdrawEvent = (): ReferralEvent => ({ type: 'WITHDRAW' });
const decideEvent = (command: TaskingDecisionCommand): ReferralEvent => ({
  type: 'DECIDE',
  decision: command.decision,
});
const ratificationEvent = (command: RatificationCommand): ReferralEvent => ({
  type: 'RATIFICATION',
  outcome: command.outcome,
  decision: command.decision,
});
const allocateEvent = (): ReferralEvent => ({ type: 'ALLOCATE_SIO' });
/** The tasking decision a decision or ratification records on the referral. */
const decisionOf = (command: TaskingDecisionCommand | RatificationCommand) => ({
  decision: command.decision,
  rationale: command.rationale,
  meetingId: command.meetingId,
  onwardReference: command.onwardReference,
});
const nameLroEvent = (): ReferralEvent => ({ type: 'NAME_LRO' });
const closeEvent = (): ReferralEvent => ({ type: 'CLOSE' });
const reallocateEvent = (): ReferralEvent => ({ type: 'REALLOCATE_SIO' });
const replaceLroEvent = (): ReferralEvent => ({ type: 'REPLACE_LRO' });
const partnerCheckEvent = (): ReferralEvent => ({ type: 'RECORD_PARTNER_CHECK' });
const partnerDisposalEvent = (): ReferralEvent => ({ type: 'DISPOSE_TO_PARTNER' });
const nationalAcceptEvent = (): ReferralEvent => ({ type: 'NATIONAL_ACCEPT' });
const nationalReturnEvent = (): ReferralEvent => ({ type: 'NATIONAL_RETURN' });

/** A return to an assessment done before it was sent national (a re-score): only then is the patch asked. */
const returnsReScoredAssessment = (state: ReferralState, to: ReferralStatus): boolean =>
  to === 'ASSESSMENT' &&
  state.assessmentLeftAt !== null &&
  state.nationalSentAt !== null &&
  state.assessmentLeftAt.getTime() < state.nationalSentAt.getTime();
const nationalTaskingEvent = (): ReferralEvent => ({ type: 'NATIONAL_TASKING' });

const scoreOf = (command: AssessCommand) =>
  refuseOnDomainError(() => scoreAssessment(command.assessment, command.scheme));

type TransitionExtras = Pick<
  ReferralTransitionEvent,
  | 'reason'
  | 'information'
  | 'assessment'
  | 'taskingDecision'
  | 'sioAllocation'
  | 'lro'
  | 'ownerChange'
  | 'closure'
  | 'standDown'
  | 'partnerCheck'
  | 'partnerDisposal'
  | 'national'
  | 'nationalTasking'
>;

/**
 * What one referral's workflow shares between its handlers, its deadline loop and its plan. The state lives
 * here (not in locals) so the module-level functions below read and replace the same one.
 */
interface ReferralRun {
  readonly input: ReferralWorkflowInput;
  readonly workflowId: string;
  readonly submittedAt: Date;
  readonly searchable: boolean;
  readonly planPolicy: PlanPolicy;
  readonly policies: StagePolicies;
  readonly settings: ReferralStateSettings;
  /** Officers who declared a conflict with this referral: never allocated to it. */
  readonly conflicted: Set<string>;
  state: ReferralState;
  reference: string;
  /** The search attributes last upserted, so an unchanged set adds no command. */
  published: string;
  submission?: Promise<void>;
  /** A tasking request the NCA made: its entry to awaiting decision. */
  entry?: Promise<void>;
  plan?: ChildWorkflowHandle<typeof planWorkflow>;
  planStarting?: Promise<void>;
  planClosing?: Promise<void>;
  /** The plan a stand-down closed: its final state, to reopen if the referral is adopted again. */
  stoodDownPlan?: Promise<PlanState | undefined>;
  /** A meeting's ratification is being recorded (an overturn awaits the plan's closing): another waits its turn. */
  ratifying: boolean;
  /** The owners whose change is being recorded (it awaits the plan): another change of the same role waits its turn. */
  readonly ownersChanging: Set<PlanRole>;
}

/** The patches read at the start are read here, in the order earlier histories recorded them. */
function startRun(input: ReferralWorkflowInput): ReferralRun {
  const workflowId = workflowInfo().workflowId;
  const submittedAt = new Date(Date.now());
  const state = initialReferralState();
  const workingTime = patched(WORKING_TIME_DEADLINES_PATCH);
  const searchable = patched(SEARCH_ATTRIBUTES_PATCH);
  const pauseSurvivesStays = patched(PAUSE_SURVIVES_STAYS_PATCH);
  const clockStartsAt = patched(GATEWAY_CLOCK_START_PATCH) ? workingClockStart(submittedAt) : null;
  // Referrals started before the allocation deadline existed keep running without it (replay-safe).
  const policies: StagePolicies = {
    gateway: input.policy,
    allocation: input.planPolicy?.allocation,
    // Only IMMEDIATE referrals get one; referrals started before it existed run without it (replay-safe).
    decision: input.decisionClock,
  };
  return {
    input,
    workflowId,
    submittedAt,
    searchable,
    planPolicy: input.planPolicy ?? DEFAULT_PLAN_POLICY,
    policies,
    settings: {
      workingTime,
      pauseSurvivesStays,
      clockStartsAt,
      decisionClock: Boolean(policies.decision),
      nationalResponse: input.nationalResponse ?? NATIONAL_RESPONSE_POLICY,
    },
    conflicted: new Set<string>(),
    state,
    reference: '',
    published: '',
    ratifying: false,
    ownersChanging: new Set<PlanRole>(),
  };
}

function note(run: ReferralRun, fact: ReferralFact): void {
  run.state = noteReferralFact(run.state, fact);
}

const clock = (run: ReferralRun) => ({
  submittedAt: run.submittedAt,
  workingTime: run.settings.workingTime,
  ...run.state,
});
const deadlines = (run: ReferralRun) => deadlineViews(run.policies, clock(run));

function snapshot(run: ReferralRun): ReferralSnapshot {
  return {
    referralId: run.input.referralId,
    reference: run.reference,
    status: run.state.status,
    seq: run.state.seq,
    deadlines: deadlines(run),
  };
}

/**
 * The referral as the pure transition rules see it; `closedUnratified` for a closure replayed from before the CLOSE
 * rule, which does not see the pending ratification.
 */
function record({ state, input }: ReferralRun, closedUnratified = false) {
  return {
    status: state.status,
    ownerOrg: input.ownerOrg,
    region: input.region,
    lroNamed: state.lro !== undefined,
    reassessmentDue: state.reassessmentDue,
    urgentDecisionPending: state.urgentDecisionPending && !closedUnratified,
    nationalResponsePending: state.nationalPending,
    nationalReturnTo: state.nationalReturnTo,
    origin: input.nationalTasking ? ('NCA_TASKING' as const) : undefined,
  };
}

function publishSearchAttributes(run: ReferralRun): void {
  if (!run.searchable) return;
  const { input, settings } = run;
  const { status } = run.state;
  const stage = status === 'INFO_REQUESTED' ? null : activeStage(status, settings.decisionClock);
  const dueAt = stage === null ? null : (stageDeadline(stage, run.policies, clock(run))?.dueAt ?? null);
  const attributes = [
    { key: REFERRAL_REGION, value: input.region },
    { key: REFERRAL_STATUS, value: status },
    { key: REFERRAL_URGENCY, value: effectiveUrgency(input.submission).urgency },
    { key: REFERRAL_STAGE_DUE_AT, value: dueAt },
    ...(run.reference ? [{ key: REFERRAL_REFERENCE, value: run.reference }] : []),
  ];
  const fingerprint = JSON.stringify(attributes.map(({ key, value }) => [key.name, value]));
  if (fingerprint === run.published) return;
  run.published = fingerprint;
  upsertSearchAttributes(attributes);
}

function ensureSubmitted(run: ReferralRun, command: ActorCommand): Promise<void> {
  return (run.submission ??= projectSubmission({
    ...run.input,
    workflowId: run.workflowId,
    at: run.submittedAt.toISOString(),
    correlationId: command.correlationId,
    deadlines: deadlines(run),
  }).then((projected) => {
    run.reference = projected.reference;
    publishSearchAttributes(run);
  }));
}

/** A tasking request the NCA made goes from submission straight to awaiting decision, scored by the NCA. */
function ensureEntered(run: ReferralRun, command: ActorCommand): Promise<void> {
  const tasking = run.input.nationalTasking;
  if (tasking === undefined || !patched(NATIONAL_TASKING_PATCH)) return ensureSubmitted(run, command);
  return (run.entry ??= ensureSubmitted(run, command).then(async () => {
    const score = refuseOnDomainError(() => scoreAssessment(tasking.assessment, tasking.scheme));
    await apply(run, nationalTaskingEvent(), command, {
      reason: `National tasking request against ${tasking.nationalPriority}`,
      assessment: { score, input: tasking.assessment, route: 'TTCG', rationale: tasking.rationale },
      nationalTasking: { nationalPriority: tasking.nationalPriority },
    });
  }));
}

function refuseUnlessAllowed(
  run: ReferralRun,
  event: ReferralEvent,
  actor: Actor,
  closedUnratified = false,
): ReferralStatus {
  const result = refuseOnDomainError(() => transition(record(run, closedUnratified), event, actor));
  if (!result.ok) {
    throw ApplicationFailure.create({
      type: result.refusal,
      message: result.reason,
      nonRetryable: true,
      details: [{ status: result.status, allowedActions: result.allowedActions }],
    });
  }
  return result.to;
}

/** Applies the transition in memory first (so a concurrent update is validated against it), then projects it. */
async function apply(
  run: ReferralRun,
  event: ReferralEvent,
  command: ActorCommand,
  extras: TransitionExtras = {},
  closedUnratified = false,
): Promise<ReferralSnapshot> {
  const to = refuseUnlessAllowed(run, event, command.actor, closedUnratified);
  const from = run.state.status;
  const now = new Date(Date.now());
  const readoption = isReadoption(run.state, to) && patched(FRESH_READOPTION_CLOCK_PATCH);
  const nationalReturn = event.type === 'NATIONAL_RETURN' && patched(NATIONAL_RETURN_RESUMES_CLOCK_PATCH);
  const resumeFromAssessmentLeft =
    nationalReturn && returnsReScoredAssessment(run.state, to) && patched(RESUME_FROM_ASSESSMENT_LEFT_PATCH);
  const decisionAgain =
    run.settings.decisionClock && isDecisionAgain(run.state, to) && patched(FRESH_DECISION_CLOCK_PATCH);
  run.state = applyReferralEvent(run.state, event, now, {
    ...run.settings,
    to,
    readoption,
    nationalReturn,
    resumeFromAssessmentLeft,
    decisionAgain,
  });
  publishSearchAttributes(run);
  const { sio, lro, nationalDue } = run.state;
  const projected: ReferralTransitionEvent = {
    workflowId: run.workflowId,
    referralId: run.input.referralId,
    seq: run.state.seq,
    at: now.toISOString(),
    from,
    to,
    action: event.type,
    actor: command.actor,
    correlationId: command.correlationId,
    deadlines: deadlines(run),
    pausedMs: run.state.pausedMs,
    ...(to === 'REFERRED_NATIONAL' && from !== 'REFERRED_NATIONAL' && nationalDue
      ? { nationalDueAt: nationalDue.dueAt.toISOString() }
      : {}),
    planStarted:
      // Entering ACTIVE, not staying there (an owner replaced on a running plan).
      to === 'ACTIVE' && from !== 'ACTIVE' && sio && lro
        ? { sio, lro, nextReviewDueAt: reviewCycle(now, run.planPolicy.review).dueAt }
        : undefined,
    ...extras,
  };
  const projecting = ensureSubmitted(run, command).then(() => projectTransition(projected));
  // Noted before any await, so a closure arriving meanwhile waits for the plan it must close.
  if (projected.planStarted) run.planStarting = projecting.then(() => startPlan(run, projected.at));
  await projecting;
  if (projected.planStarted) await run.planStarting;
  return snapshot(run);
}

/** Started once the plan's row exists, so the plan is there as soon as the referral reads ACTIVE. */
async function startPlan(run: ReferralRun, startedAt: string): Promise<void> {
  const { sio, lro } = run.state;
  const { input } = run;
  if (run.plan || !sio || !lro) return;
  const previous = await run.stoodDownPlan;
  run.stoodDownPlan = undefined;
  const reopened =
    previous &&
    reopenPlan(
      previous,
      new Date(startedAt),
      reviewPolicyOf(run.planPolicy.review, patched(WORKING_TIME_REVIEW_REMINDERS_PATCH)),
    );
  run.plan = await startChild(planWorkflow, {
    workflowId: planWorkflowId(input.referralId),
    args: [
      {
        referralId: input.referralId,
        region: input.region,
        ownerOrg: input.ownerOrg,
        sio,
        lro,
        startedAt,
        policy: run.planPolicy.review,
        continueAsNewAfterEvents: input.planContinueAsNewAfterEvents ?? DEFAULT_PLAN_CONTINUE_AS_NEW_AFTER,
        ...(reopened ? { state: reopened } : {}),
      },
    ],
  });
}

/** Makes the running plan (if any) read-only; closures arriving together wait on the one signal. */
async function closeRunningPlan(run: ReferralRun): Promise<void> {
  await run.planStarting;
  const { plan } = run;
  if (!plan) return;
  if (!patched(SINGLE_PLAN_CLOSURE_PATCH)) return plan.signal(closePlanSignal);
  run.planClosing ??= plan.signal(closePlanSignal);
  await run.planClosing;
}

/**
 * After an overturn closed the running plan: keeps it to reopen, should the referral be adopted again. Not async:
 * the overturn must apply in the same turn as its closure resumes, before a closure that waited with it.
 */
function keepStoodDownPlan(run: ReferralRun): void {
  if (!run.plan || !patched(REOPEN_PLAN_PATCH)) return;
  const closed = run.plan.result();
  // Handled here so a failed plan is no unhandled rejection meanwhile; awaited (and raised) where it is used.
  closed.catch(() => undefined);
  run.stoodDownPlan = closed;
  run.plan = undefined;
  run.planStarting = undefined;
  run.planClosing = undefined;
}

/** The update validator: refuses a wrong move synchronously, before anything is written to history. */
function guard<C extends ActorCommand>(run: ReferralRun, toEvent: (command: C) => ReferralEvent) {
  return {
    validator: (command: C): void => {
      refuseUnlessAllowed(run, toEvent(command), command.actor);
    },
  };
}

/** Submission, triage, the referrer's information and assessment (handlers registered in this order). */
function registerIntakeHandlers(run: ReferralRun): void {
  setHandler(referralSnapshotQuery, () => snapshot(run));

  setHandler(submitReferralUpdate, async (command) => {
    const first = run.submission === undefined;
    await ensureEntered(run, command);
    return { snapshot: snapshot(run), created: first };
  });

  setHandler(
    triageUpdate,
    (command) =>
      apply(run, triageEvent(command), command, {
        reason: command.reason,
        information: command.decision === 'REQUEST_INFO' ? { kind: 'REQUEST', text: command.reason } : undefined,
      }),
    guard(run, triageEvent),
  );

  setHandler(
    provideInformationUpdate,
    (command) => apply(run, informationEvent(), command, { information: { kind: 'RESPONSE', text: command.response } }),
    guard(run, informationEvent),
  );

  setHandler(
    assessUpdate,
    async (command) => {
      const score = scoreOf(command);
      const snap = await apply(run, assessEvent(command), command, {
        reason: command.rationale.route,
        assessment: {
          score,
          input: command.assessment,
          route: command.route,
          rationale: command.rationale,
          // Only in the activity's input, so histories recorded before it replay unchanged.
          ...(command.nationalPriority ? { nationalPriority: command.nationalPriority } : {}),
        },
      });
      return { snapshot: snap, score };
    },
    {
      validator: (command: AssessCommand): void => {
        refuseNationalDeclineOutsideMeeting(run, refuseUnlessAllowed(run, assessEvent(command), command.actor));
        scoreOf(command);
      },
    },
  );
}

/** The one rule the API checks first (its route a bad field), here in the validator only, so replay is unchanged. */
function refuseNationalDeclineOutsideMeeting(run: ReferralRun, to: ReferralStatus): void {
  const refusal = nationalDeclineOutsideMeetingRefusal(record(run), to);
  if (refusal !== null)
    throw ApplicationFailure.create({ type: 'BUSINESS_RULE', message: refusal, nonRetryable: true });
}

/** An urgent decision needs the referral's urgency to allow one; a meeting's decision needs no such check. */
function refuseUrgentDecision(run: ReferralRun, command: TaskingDecisionCommand): void {
  if (command.meetingId !== undefined) return;
  const { status } = run.state;
  const urgent = checkUrgentDecision(
    { status, urgency: effectiveUrgency(run.input.submission).urgency, origin: record(run).origin },
    command.decision,
  );
  if (!urgent.ok) {
    throw ApplicationFailure.create({
      type: urgent.refusal,
      message: urgent.reason,
      nonRetryable: true,
      details: [{ status, allowedActions: availableActions(record(run), command.actor) }],
    });
  }
}

/** Tasking decisions, their ratification or overturn, and withdrawal (handlers registered in this order). */
function registerDecisionHandlers(run: ReferralRun): void {
  setHandler(
    taskingDecisionUpdate,
    (command) => {
      // Set before the status changes, so a terminal urgent decision still waits for its ratification; a
      // meeting's decision settles any urgent one (only referrals urgently deferred before that was refused).
      note(run, { type: 'URGENT_DECISION', pending: command.meetingId === undefined });
      return apply(run, decideEvent(command), command, {
        reason: command.rationale,
        taskingDecision: decisionOf(command),
      });
    },
    {
      validator: (command: TaskingDecisionCommand): void => {
        refuseUnlessAllowed(run, decideEvent(command), command.actor);
        refuseUrgentDecision(run, command);
      },
    },
  );

  setHandler(
    ratificationUpdate,
    async (command) => {
      const event = ratificationEvent(command);
      const from = run.state.status;
      const to = refuseUnlessAllowed(run, event, command.actor);
      const standDown = standsTaskingDown(from, to)
        ? { reason: `Urgent adoption overturned at meeting ${command.meetingId}: ${command.rationale}` }
        : undefined;
      run.ratifying = true;
      try {
        // The plan turns read-only before the overturn is visible, as on closure.
        if (standDown) {
          await closeRunningPlan(run);
          keepStoodDownPlan(run);
        }
        const applying = apply(run, event, command, {
          reason: command.rationale,
          taskingDecision: decisionOf(command),
          standDown,
        });
        // apply has validated and moved the status synchronously
        note(run, { type: 'URGENT_DECISION', pending: false });
        return await applying;
      } finally {
        run.ratifying = false;
      }
    },
    {
      validator: (command: RatificationCommand): void => {
        // Two meetings may list the same urgent decision: while one overturn closes the plan, a ratification from
        // the other would settle it first, and the overturn, refused then, would leave the tasking without its plan.
        if (run.ratifying) {
          throw ApplicationFailure.create({
            type: 'NOT_ALLOWED_IN_STATE',
            message: 'Another meeting is recording its ratification of this urgent decision: read the referral again',
            nonRetryable: true,
          });
        }
        refuseUnlessAllowed(run, ratificationEvent(command), command.actor);
      },
    },
  );

  setHandler(
    withdrawUpdate,
    (command) => apply(run, withdrawEvent(), command, { reason: command.reason }),
    guard(run, withdrawEvent),
  );
}

/** The one rule the API checks first (sioAllocationRefusal), here on the workflow's own conflict register. */
function refuseConflicted(run: ReferralRun, command: AllocateSioCommand): void {
  const refusal = sioAllocationRefusal({
    officer: command.officer,
    referral: { id: run.input.referralId, region: run.input.region },
    conflicted: run.conflicted.has(command.officer.sub),
    loan: command.loan,
  });
  if (refusal !== null) {
    throw ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true });
  }
  const unjustified = exceptionRefusal(command.ruleExceptions ?? [], command.exceptionJustification);
  if (unjustified !== null) {
    throw ApplicationFailure.create({
      type: 'ALLOCATION_NEEDS_JUSTIFICATION',
      message: unjustified,
      nonRetryable: true,
    });
  }
}

/** A declared conflict is recorded, not allocated: the officer is blocked for this referral from now on. */
async function declaredConflict(run: ReferralRun, command: AllocateSioCommand, officer: Participant): Promise<boolean> {
  if (!command.conflictDeclaration.hasConflict) return false;
  run.conflicted.add(officer.sub);
  await recordConflictDeclaration({
    workflowId: run.workflowId,
    referralId: run.input.referralId,
    officer,
    details: command.conflictDeclaration.details,
    actor: command.actor,
    correlationId: command.correlationId,
    at: new Date(Date.now()).toISOString(),
  });
  return true;
}

const officerOf = (command: AllocateSioCommand): Participant => ({
  sub: command.officer.sub,
  name: command.officer.name,
  org: command.officer.org,
});

const allocationOf = (command: AllocateSioCommand, officer: Participant): TransitionExtras['sioAllocation'] => ({
  officer,
  justification: command.justification,
  conflictDeclaration: command.conflictDeclaration,
  ruleExceptions: command.ruleExceptions,
  exceptionJustification: command.exceptionJustification,
  ...(command.loan ? { mutualAidRequestId: command.loan.requestId } : {}),
});

/** The first SIO and LRO (handlers registered in this order). */
function registerAllocationHandlers(run: ReferralRun): void {
  setHandler(
    allocateSioUpdate,
    async (command) => {
      refuseConflicted(run, command);
      const officer = officerOf(command);
      if (await declaredConflict(run, command, officer)) return { snapshot: snapshot(run), allocated: false };
      refuseUnlessAllowed(run, allocateEvent(), command.actor);
      if (patched(SIO_RECHECK_PATCH)) refuseConflicted(run, command);
      note(run, { type: 'OWNER_NAMED', role: 'SIO', owner: officer });
      const snap = await apply(run, allocateEvent(), command, {
        reason: command.justification,
        sioAllocation: allocationOf(command, officer),
      });
      return { snapshot: snap, allocated: true };
    },
    {
      validator: (command: AllocateSioCommand): void => {
        refuseUnlessAllowed(run, allocateEvent(), command.actor);
        refuseConflicted(run, command);
      },
    },
  );

  setHandler(
    nameLroUpdate,
    (command) => {
      refuseUnlessAllowed(run, nameLroEvent(), command.actor);
      const { lro } = command;
      note(run, { type: 'OWNER_NAMED', role: 'LRO', owner: lro });
      return apply(run, nameLroEvent(), command, { reason: `LRO named: ${lro.name}`, lro });
    },
    guard(run, nameLroEvent),
  );
}

/** Replacing an owner needs one to replace, someone else, and a reason (the pure rule, in validator and handler). */
function refuseOwnerChange(run: ReferralRun, role: PlanRole, next: Participant, reason: string): void {
  const current = role === 'SIO' ? run.state.sio : run.state.lro;
  const refusal = ownerChangeRefusal({ role, current, next, reason });
  if (refusal !== null)
    throw ApplicationFailure.create({ type: 'BUSINESS_RULE', message: refusal, nonRetryable: true });
}

interface OwnerChange {
  role: PlanRole;
  from: Participant;
  to: Participant;
}

/** Runs one change of an owner, refusing a second change of the same role while the first is being recorded. */
async function oneChangeOfOwner<T>(run: ReferralRun, role: PlanRole, change: () => Promise<T>): Promise<T> {
  if (!patched(OWNER_CHANGE_RECHECK_PATCH)) return change();
  if (run.ownersChanging.has(role)) {
    throw ApplicationFailure.create({
      type: 'NOT_ALLOWED_IN_STATE',
      message: `Another change of the ${role} of this tasking is being recorded: read the referral again`,
      nonRetryable: true,
    });
  }
  run.ownersChanging.add(role);
  try {
    return await change();
  } finally {
    run.ownersChanging.delete(role);
  }
}

/**
 * The change checked again after a yield: refused while the plan is being closed (a closure or an overturn under
 * way, which the referral's status does not show until the plan has closed) or once the status has moved; refused,
 * the owner noted before the yield is restored.
 */
function recheckOwnerChange(run: ReferralRun, change: OwnerChange, event: ReferralEvent, actor: Actor): void {
  try {
    if (run.planClosing !== undefined) {
      throw ApplicationFailure.create({
        type: 'NOT_ALLOWED_IN_STATE',
        message: 'This tasking is being closed or stood down: read the referral again',
        nonRetryable: true,
      });
    }
    refuseUnlessAllowed(run, event, actor);
  } catch (refusal) {
    note(run, { type: 'OWNER_NAMED', role: change.role, owner: change.from });
    throw refusal;
  }
}

/**
 * Hands the running plan (if any) to the newcomer before the change is visible, then records it; checked again
 * before and after handing it on, so a closing plan is never handed on and a closure landing meanwhile refuses it.
 */
async function changeOwner(
  run: ReferralRun,
  change: OwnerChange,
  event: ReferralEvent,
  command: ReallocateSioCommand | ReplaceLroCommand,
  extras: TransitionExtras,
): Promise<ReferralSnapshot> {
  const { role, to } = change;
  await run.planStarting;
  const rechecked = patched(OWNER_CHANGE_RECHECK_PATCH);
  if (rechecked) recheckOwnerChange(run, change, event, command.actor);
  if (run.plan) await run.plan.signal(changePlanOwnerSignal, { role, owner: to });
  if (rechecked) recheckOwnerChange(run, change, event, command.actor);
  return apply(run, event, command, {
    ...extras,
    reason: command.reason,
    ownerChange: { ...change, reason: command.reason },
  });
}

/** Replacing the SIO or LRO (handlers registered in this order). */
function registerOwnerChangeHandlers(run: ReferralRun): void {
  setHandler(
    reallocateSioUpdate,
    async (command) => {
      refuseUnlessAllowed(run, reallocateEvent(), command.actor);
      refuseConflicted(run, command);
      const officer = officerOf(command);
      refuseOwnerChange(run, 'SIO', officer, command.reason);
      return oneChangeOfOwner(run, 'SIO', async () => {
        if (await declaredConflict(run, command, officer)) return { snapshot: snapshot(run), allocated: false };
        if (patched(SIO_RECHECK_PATCH)) {
          refuseUnlessAllowed(run, reallocateEvent(), command.actor);
          refuseConflicted(run, command);
          refuseOwnerChange(run, 'SIO', officer, command.reason);
        }
        const previous = run.state.sio as Participant;
        note(run, { type: 'OWNER_NAMED', role: 'SIO', owner: officer });
        const change = { role: 'SIO' as const, from: previous, to: officer };
        const snap = await changeOwner(run, change, reallocateEvent(), command, {
          sioAllocation: allocationOf(command, officer),
        });
        return { snapshot: snap, allocated: true };
      });
    },
    {
      validator: (command: ReallocateSioCommand): void => {
        refuseUnlessAllowed(run, reallocateEvent(), command.actor);
        refuseConflicted(run, command);
        refuseOwnerChange(run, 'SIO', command.officer, command.reason);
      },
    },
  );

  setHandler(
    replaceLroUpdate,
    (command) => {
      refuseUnlessAllowed(run, replaceLroEvent(), command.actor);
      refuseOwnerChange(run, 'LRO', command.lro, command.reason);
      return oneChangeOfOwner(run, 'LRO', () => {
        const previous = run.state.lro as Participant;
        note(run, { type: 'OWNER_NAMED', role: 'LRO', owner: command.lro });
        const change = { role: 'LRO' as const, from: previous, to: command.lro };
        return changeOwner(run, change, replaceLroEvent(), command, { lro: command.lro });
      });
    },
    {
      validator: (command: ReplaceLroCommand): void => {
        refuseUnlessAllowed(run, replaceLroEvent(), command.actor);
        refuseOwnerChange(run, 'LRO', command.lro, command.reason);
      },
    },
  );
}

/** Closure, and GAIN partner checks and disposals (handlers registered in this order). */
function registerClosureHandlers(run: ReferralRun): void {
  setHandler(
    closeReferralUpdate,
    async (command) => {
      // The validator refuses a closure while the urgent decision is pending, so only a replay gets here so.
      const unratified = run.state.urgentDecisionPending && !patched(CLOSE_AFTER_RATIFICATION_PATCH);
      refuseUnlessAllowed(run, closeEvent(), command.actor, unratified);
      // The plan turns read-only before the closure is visible, so no edit lands after it.
      await closeRunningPlan(run);
      const closure = { reason: command.outcome, closure: { outcome: command.outcome } };
      return apply(run, closeEvent(), command, closure, unratified);
    },
    guard(run, closeEvent),
  );

  // GAIN partner checks and disposals (issue 16): new handlers add events only to referrals that receive them,
  // so histories recorded before replay unchanged and need no patch.
  setHandler(
    recordPartnerCheckUpdate,
    (command) => apply(run, partnerCheckEvent(), command, { partnerCheck: command.check }),
    guard(run, partnerCheckEvent),
  );

  setHandler(
    disposeToPartnerUpdate,
    (command) =>
      apply(run, partnerDisposalEvent(), command, {
        reason: command.rationale,
        partnerDisposal: { agency: command.agency, reference: command.reference },
      }),
    guard(run, partnerDisposalEvent),
  );
}

/** The NCA's answer to a referral sent national (issue 16); the main loop waits for it under NATIONAL_QUEUE_PATCH. */
function registerNationalHandlers(run: ReferralRun): void {
  setHandler(
    nationalAcceptUpdate,
    (command) => {
      const applying = apply(run, nationalAcceptEvent(), command, {
        reason: `Accepted by the NCA: ${command.reference}`,
        national: { outcome: 'ACCEPTED', reference: command.reference },
      });
      // apply has validated and moved the status synchronously
      note(run, { type: 'NATIONAL_ANSWERED' });
      return applying;
    },
    guard(run, nationalAcceptEvent),
  );

  setHandler(
    nationalReturnUpdate,
    (command) => {
      const applying = apply(run, nationalReturnEvent(), command, {
        reason: command.reasons,
        national: { outcome: 'RETURNED' },
      });
      note(run, { type: 'NATIONAL_ANSWERED' });
      return applying;
    },
    guard(run, nationalReturnEvent),
  );
}

async function notify(
  run: ReferralRun,
  kind: 'REMINDER' | 'ESCALATION',
  stage: DeadlineStage,
  dueAt: Date,
  nationalRound: number,
): Promise<void> {
  note(run, { type: 'DEADLINE_NOTIFIED', kind, stage, at: new Date(Date.now()).toISOString() });
  await recordDeadlineNotification({
    workflowId: run.workflowId,
    referralId: run.input.referralId,
    kind,
    stage,
    dueAt: dueAt.toISOString(),
    nationalRound,
    at: new Date(Date.now()).toISOString(),
    region: run.input.region,
    deadlines: deadlines(run),
  });
}

/** The NCA's answer, with a reminder before its deadline and an escalation at it (each once per sending). */
async function awaitNationalAnswer(run: ReferralRun): Promise<void> {
  // Answered by the NCA, or no longer sent national (an overturning ratification decided otherwise).
  const answered = () => !run.state.nationalPending || run.state.status !== 'REFERRED_NATIONAL';
  const { nationalDue } = run.state;
  if (nationalDue !== null && patched(NATIONAL_RESPONSE_DEADLINE_PATCH)) {
    const { dueAt, remindAt } = nationalDue;
    const tell = (kind: 'REMINDER' | 'ESCALATION') =>
      recordNationalResponseNotification({
        workflowId: run.workflowId,
        referralId: run.input.referralId,
        kind,
        round: run.state.nationalRound,
        dueAt: dueAt.toISOString(),
        at: new Date(Date.now()).toISOString(),
        region: run.input.region,
      });
    if (!(await changesBefore(answered, remindAt)) && Date.now() < dueAt.getTime()) await tell('REMINDER');
    if (!(await changesBefore(answered, dueAt))) await tell('ESCALATION');
  }
  await condition(answered);
}

/** Sent national, it waits in the NCA's queue: accepted it ends; returned, it comes back to the region. */
const inNationalQueue = (run: ReferralRun): boolean =>
  run.state.status === 'REFERRED_NATIONAL' && run.state.nationalPending;

/**
 * The NCA's queue first, its clock running; then an urgent decision waits for its meeting while the referral has
 * ended (a referral live again, returned by the NCA, goes back to its own clocks and waits after them).
 */
async function awaitNationalThenRatification(run: ReferralRun): Promise<void> {
  if (inNationalQueue(run)) await awaitNationalAnswer(run);
  const settled = ({ urgentDecisionPending, status }: ReferralState) =>
    !urgentDecisionPending || status === 'CLOSED' || !isTerminal(status);
  await condition(() => settled(run.state));
}

/**
 * Runs the stage deadlines until the referral ends. One function on purpose: each patch check and timer
 * must come at the same point in the history as when the loop was inline in the workflow.
 */
async function runUntilEnded(run: ReferralRun): Promise<void> {
  for (;;) {
    while (!isTerminal(run.state.status)) {
      // Every wait below is against the status this round began with: a transition that lands while a
      // notification is being recorded must end the round, not be mistaken for the state to wait out.
      const from = run.state.status;
      const round = run.state.nationalRound; // the clock's, as told in its notices' dedupe key
      const changed = () => run.state.status !== from;
      const stage = activeStage(from, run.settings.decisionClock);
      const deadline = stage === null ? null : stageDeadline(stage, run.policies, clock(run));
      if (stage === null || deadline === null || from === 'INFO_REQUESTED') {
        // No clock runs: waiting for a meeting, for the referrer's information (paused), or on a running plan.
        await condition(changed);
        continue;
      }
      const { dueAt, remindAt } = deadline;
      if (!run.state.reminded.has(stage) && !run.state.escalated.has(stage)) {
        if (await changesBefore(changed, remindAt)) continue;
        if (Date.now() < dueAt.getTime()) await notify(run, 'REMINDER', stage, dueAt, round);
      }
      if (!run.state.escalated.has(stage)) {
        if (await changesBefore(changed, dueAt)) continue;
        await notify(run, 'ESCALATION', stage, dueAt, round);
      }
      await condition(changed);
    }
    // An urgent decision, even a terminal one, waits for its meeting to ratify or overturn it; an overturn
    // may bring the referral back to life (adopted or deferred), and its clocks with it.
    if (!patched(AWAIT_RATIFICATION_PATCH)) break;
    if (patched(NATIONAL_CLOCK_BEFORE_RATIFICATION_PATCH)) await awaitNationalThenRatification(run);
    else {
      await condition(() => !run.state.urgentDecisionPending || run.state.status === 'CLOSED');
      if (inNationalQueue(run) && patched(NATIONAL_QUEUE_PATCH)) await awaitNationalAnswer(run);
    }
    if (isTerminal(run.state.status)) break;
  }
}

/**
 * One referral from submission to closure. Human actions arrive as Updates whose validators run the pure
 * transition check; each accepted action is projected to Postgres before the Update returns. Deadlines
 * (triage, assessment, SIO allocation) are durable timers: a reminder before, an escalation at the
 * deadline, each once. Once both SIO and LRO are in place the 4P plan runs as a child workflow; closing
 * the referral closes the plan and prompts a re-assessment of the subject.
 */
export async function referralWorkflow(input: ReferralWorkflowInput): Promise<void> {
  const run = startRun(input);
  registerIntakeHandlers(run);
  registerDecisionHandlers(run);
  registerAllocationHandlers(run);
  registerOwnerChangeHandlers(run);
  registerClosureHandlers(run);
  registerNationalHandlers(run);

  await ensureEntered(run, { actor: input.submittedBy });
  await runUntilEnded(run);
  // A closed tasking stays open for the re-assessment of its subject that closing prompts.
  await condition(() => !run.state.reassessmentDue);
  // Let the update that ended the referral finish projecting and answer its caller.
  await condition(allHandlersFinished);
  if (run.plan) await run.plan.result();
  // A plan closed by a stand-down is waited for too (set only under REOPEN_PLAN_PATCH), so it ends on its own.
  else if (run.stoodDownPlan) await run.stoodDownPlan;
}
