import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  Actor,
  computeDeadline,
  DeadlineStage,
  DomainError,
  isTerminal,
  ReferralEvent,
  ReferralStatus,
  scoreAssessment,
  transition,
} from '@rocu/domain';
import {
  ActorCommand,
  AssessCommand,
  assessUpdate,
  provideInformationUpdate,
  referralSnapshotQuery,
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
import { activeStage, deadlineViews } from './referral-deadlines';

const { projectSubmission, projectTransition, recordDeadlineNotification } = proxyActivities<ReferralActivities>({
  // Projections take milliseconds; a short timeout means work lost with a crashed worker is retried promptly.
  startToCloseTimeout: '10 seconds',
  // Projections must land eventually: retry without limit, backing off to once a minute while the database is down.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const triageEvent = (command: TriageCommand): ReferralEvent => ({ type: 'TRIAGE', decision: command.decision });
const informationEvent = (): ReferralEvent => ({ type: 'PROVIDE_INFORMATION' });
const assessEvent = (command: AssessCommand): ReferralEvent => ({ type: 'ASSESS', route: command.route });
const withdrawEvent = (): ReferralEvent => ({ type: 'WITHDRAW' });
const decideEvent = (command: TaskingDecisionCommand): ReferralEvent => ({
  type: 'DECIDE',
  decision: command.decision,
});

/**
 * A domain error in workflow code must refuse the update: anything else thrown there fails the workflow
 * task, which Temporal retries for ever, freezing the referral.
 */
function refuseOnDomainError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DomainError) {
      throw ApplicationFailure.create({
        type: error.code,
        message: error.message,
        nonRetryable: true,
        details: [error.details ?? {}],
      });
    }
    throw error;
  }
}

const scoreOf = (command: AssessCommand) =>
  refuseOnDomainError(() => scoreAssessment(command.assessment, command.scheme));

type TransitionExtras = Pick<ReferralTransitionEvent, 'reason' | 'information' | 'assessment' | 'taskingDecision'>;

/**
 * One referral from submission to a tasking decision. Human actions arrive as Updates whose validators run
 * the pure transition check; each accepted action is projected to Postgres before the Update returns.
 * Gateway deadlines are durable timers: a reminder before, an escalation at the deadline, each once.
 */
export async function referralWorkflow(input: ReferralWorkflowInput): Promise<void> {
  const workflowId = workflowInfo().workflowId;
  const submittedAt = new Date(Date.now());
  let status = 'SUBMITTED' as ReferralStatus;
  let seq = 0;
  let reference = '';
  let pausedMs = 0;
  let pausedSince: number | null = null;
  const reminded = new Map<DeadlineStage, string>();
  const escalated = new Map<DeadlineStage, string>();
  const completed = new Set<DeadlineStage>();

  const deadlines = () =>
    deadlineViews(input.policy, { submittedAt, pausedMs, status, reminded, escalated, completed });
  const snapshot = (): ReferralSnapshot => ({
    referralId: input.referralId,
    reference,
    status,
    seq,
    deadlines: deadlines(),
  });
  const record = () => ({ status, ownerOrg: input.ownerOrg, region: input.region });

  let submission: Promise<void> | undefined;
  const ensureSubmitted = (command: ActorCommand): Promise<void> =>
    (submission ??= projectSubmission({
      ...input,
      workflowId,
      at: submittedAt.toISOString(),
      correlationId: command.correlationId,
      deadlines: deadlines(),
    }).then((projected) => {
      reference = projected.reference;
    }));

  const refuseUnlessAllowed = (event: ReferralEvent, actor: Actor): ReferralStatus => {
    const result = refuseOnDomainError(() => transition(record(), event, actor));
    if (!result.ok) {
      throw ApplicationFailure.create({
        type: result.refusal,
        message: result.reason,
        nonRetryable: true,
        details: [{ status: result.status, allowedActions: result.allowedActions }],
      });
    }
    return result.to;
  };

  /** Applies the transition in memory first (so a concurrent update is validated against it), then projects it. */
  const apply = async (
    event: ReferralEvent,
    command: ActorCommand,
    extras: TransitionExtras = {},
  ): Promise<ReferralSnapshot> => {
    const to = refuseUnlessAllowed(event, command.actor);
    const from = status;
    const now = Date.now();
    if (to === 'INFO_REQUESTED') pausedSince = now;
    if (from === 'INFO_REQUESTED' && pausedSince !== null) {
      pausedMs += now - pausedSince;
      pausedSince = null;
    }
    // A stage is done when a decision moves the referral out of it; withdrawal only cancels it.
    const leaving = activeStage(from);
    if (leaving !== null && leaving !== activeStage(to) && event.type !== 'WITHDRAW') completed.add(leaving);
    status = to;
    seq += 1;
    const projected: ReferralTransitionEvent = {
      workflowId,
      referralId: input.referralId,
      seq,
      at: new Date(now).toISOString(),
      from,
      to,
      action: event.type,
      actor: command.actor,
      correlationId: command.correlationId,
      deadlines: deadlines(),
      pausedMs,
      ...extras,
    };
    await ensureSubmitted(command);
    await projectTransition(projected);
    return snapshot();
  };

  /** The update validator: refuses a wrong move synchronously, before anything is written to history. */
  const guard = <C extends ActorCommand>(toEvent: (command: C) => ReferralEvent) => ({
    validator: (command: C): void => {
      refuseUnlessAllowed(toEvent(command), command.actor);
    },
  });

  setHandler(referralSnapshotQuery, snapshot);

  setHandler(submitReferralUpdate, async (command) => {
    const first = submission === undefined;
    await ensureSubmitted(command);
    return { snapshot: snapshot(), created: first };
  });

  setHandler(
    triageUpdate,
    (command) =>
      apply(triageEvent(command), command, {
        reason: command.reason,
        information: command.decision === 'REQUEST_INFO' ? { kind: 'REQUEST', text: command.reason } : undefined,
      }),
    guard(triageEvent),
  );

  setHandler(
    provideInformationUpdate,
    (command) => apply(informationEvent(), command, { information: { kind: 'RESPONSE', text: command.response } }),
    guard(informationEvent),
  );

  setHandler(
    assessUpdate,
    async (command) => {
      const score = scoreOf(command);
      const snap = await apply(assessEvent(command), command, {
        reason: command.rationale.route,
        assessment: { score, input: command.assessment, route: command.route, rationale: command.rationale },
      });
      return { snapshot: snap, score };
    },
    {
      validator: (command: AssessCommand): void => {
        refuseUnlessAllowed(assessEvent(command), command.actor);
        scoreOf(command);
      },
    },
  );

  setHandler(
    taskingDecisionUpdate,
    (command) =>
      apply(decideEvent(command), command, {
        reason: command.rationale,
        taskingDecision: {
          decision: command.decision,
          rationale: command.rationale,
          meetingId: command.meetingId,
          onwardReference: command.onwardReference,
        },
      }),
    {
      validator: (command: TaskingDecisionCommand): void => {
        refuseUnlessAllowed(decideEvent(command), command.actor);
        if (command.meetingId === undefined && input.submission.urgency !== 'IMMEDIATE') {
          throw ApplicationFailure.create({
            type: 'BUSINESS_RULE',
            message: 'Only an IMMEDIATE referral may be decided out of meeting; list it at the next meeting',
            nonRetryable: true,
          });
        }
      },
    },
  );

  setHandler(
    withdrawUpdate,
    (command) => apply(withdrawEvent(), command, { reason: command.reason }),
    guard(withdrawEvent),
  );

  await ensureSubmitted({ actor: input.submittedBy });

  const notify = async (kind: 'REMINDER' | 'ESCALATION', stage: DeadlineStage, dueAt: Date): Promise<void> => {
    (kind === 'REMINDER' ? reminded : escalated).set(stage, new Date(Date.now()).toISOString());
    await recordDeadlineNotification({
      workflowId,
      referralId: input.referralId,
      kind,
      stage,
      dueAt: dueAt.toISOString(),
      at: new Date(Date.now()).toISOString(),
      region: input.region,
      deadlines: deadlines(),
    });
  };

  /** Waits until `changed()` or the time comes; true when it changed first (or already had). */
  const changesBefore = async (changed: () => boolean, at: Date): Promise<boolean> => {
    const wait = at.getTime() - Date.now();
    return changed() || (wait > 0 ? condition(changed, wait) : false);
  };

  for (let stage = activeStage(status); stage !== null; stage = activeStage(status)) {
    // Every wait below is against the status this round began with: a transition that lands while a
    // notification is being recorded must end the round, not be mistaken for the state to wait out.
    const from = status;
    const changed = () => status !== from;
    if (status === 'INFO_REQUESTED') {
      // The clock is paused while the referrer is asked for information.
      await condition(changed);
      continue;
    }
    const { dueAt, remindAt } = computeDeadline(stage, submittedAt, input.policy[stage], pausedMs);
    if (!reminded.has(stage) && !escalated.has(stage)) {
      if (await changesBefore(changed, remindAt)) continue;
      if (Date.now() < dueAt.getTime()) await notify('REMINDER', stage, dueAt);
    }
    if (!escalated.has(stage)) {
      if (await changesBefore(changed, dueAt)) continue;
      await notify('ESCALATION', stage, dueAt);
    }
    await condition(changed);
  }

  // The tasking decision (TTCG issue) and later stages plug in here; until then the referral waits.
  await condition(() => isTerminal(status));
  // Let the update that ended the referral finish projecting and answer its caller.
  await condition(allHandlersFinished);
}
