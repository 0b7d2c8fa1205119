import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  applyPlanEvent,
  changeAction,
  checkPlanEditor,
  checkPlanRoom,
  DomainError,
  initialPlanState,
  PlanAction,
  PlanEvent,
  PlanState,
  PLAN_STATE_LIMIT_BYTES,
  requireInstants,
  reviewPolicyOf,
  type ReviewPolicy,
  requireVisibleText,
  reviewHeldThisCycle,
  signReview,
  reviewSignedBefore,
  reviewSpansOwnerChange,
  utf8Length,
} from '@rocu/domain';
import {
  addActionUpdate,
  changeActionUpdate,
  changePlanOwnerSignal,
  closePlanSignal,
  planAnswerQuery,
  planSnapshotQuery,
  recordDisruptionUpdate,
  signReviewUpdate,
  type ActorCommand,
  type AddActionCommand,
  type ChangeActionCommand,
  type PlanActivities,
  type PlanChange,
  type PlanWorkflowInput,
  type RecordDisruptionCommand,
  type SignReviewCommand,
} from '@rocu/contracts';
import { changesBefore, refuseOnDomainError, UNTIL_PROJECTED } from './workflow-support';

const { projectPlanChange } = proxyActivities<PlanActivities>({
  startToCloseTimeout: '10 seconds',
  retry: UNTIL_PROJECTED,
});

/**
 * A working-day review cycle is reminded in working time (never at a weekend); plans started before keep the fraction
 * of calendar time. Asked as each run starts, and by the referral's workflow when it reopens a plan.
 */
export const WORKING_TIME_REVIEW_REMINDERS_PATCH = 'working-time-review-reminders';

/** What one run of the plan shares between its handlers and its review loop. */
interface PlanRun {
  readonly input: PlanWorkflowInput;
  /** The input's review policy, under WORKING_TIME_REVIEW_REMINDERS_PATCH. */
  readonly policy: ReviewPolicy;
  /** Replaced by the referral's owner changes: from then on only the newcomer may edit or sign. */
  readonly owners: Pick<PlanWorkflowInput, 'sio' | 'lro'>;
  /** One joint review per cycle (issue #13); runs started before this change keep allowing the next at once. */
  readonly onePerCycle: boolean;
  state: PlanState;
  /**
   * The size of what a continue-as-new would carry, kept current after every change. New actions and
   * disruptions must fit under the limit; finishing an action and signing a review never are refused, and
   * the limit leaves them half of Temporal's payload size.
   */
  stateBytes: number;
  /**
   * Update id → the record it made or changed, for this run's Updates and the latest of the runs before it. Temporal
   * forgets Update ids at continue-as-new: a keyed repeat whose outcome the API lost is answered from here instead of
   * applied again (with the record as it now stands).
   */
  readonly answered: Map<string, string>;
}

/** How many answered Updates a run carries into the next: weeks of a plan's changes, a few tens of kilobytes. */
const ANSWERED_CARRIED = 500;

function startPlanRun(input: PlanWorkflowInput): PlanRun {
  const policy = reviewPolicyOf(input.policy, patched(WORKING_TIME_REVIEW_REMINDERS_PATCH));
  const state = input.state ?? initialPlanState(new Date(input.startedAt), policy);
  return {
    input,
    policy,
    owners: { sio: input.sio, lro: input.lro },
    onePerCycle: patched('one-review-per-cycle'),
    state,
    stateBytes: utf8Length(JSON.stringify(state)),
    answered: new Map((input.answered ?? []).map(({ updateId, recordId }) => [updateId, recordId])),
  };
}

/** The record that an earlier run's Update with this one's id made or changed: this Update is a repeat of it. */
function answeredBefore<T extends { id: string }>(run: PlanRun, records: readonly T[]): T | undefined {
  const updateId = currentUpdateInfo()?.id;
  const recordId = updateId === undefined ? undefined : run.answered.get(updateId);
  return recordId === undefined ? undefined : records.find((record) => record.id === recordId);
}

/** Notes the record this Update made or changed, for a repeat of it after continue-as-new. */
function answering<T extends { id: string }>(run: PlanRun, record: T): T {
  const updateId = currentUpdateInfo()?.id;
  if (updateId !== undefined) run.answered.set(updateId, record.id);
  return record;
}

const carriedAnswers = (run: PlanRun) =>
  [...run.answered].slice(-ANSWERED_CARRIED).map(([updateId, recordId]) => ({ updateId, recordId }));

function apply(run: PlanRun, event: PlanEvent): void {
  run.state = applyPlanEvent(run.state, event, run.policy);
}

function measure(run: PlanRun): void {
  run.stateBytes = utf8Length(JSON.stringify(run.state));
}

const roomFor = (run: PlanRun, command: object) =>
  refuseOnDomainError(() =>
    checkPlanRoom(
      run.stateBytes,
      utf8Length(JSON.stringify(command)),
      run.input.stateLimitBytes ?? PLAN_STATE_LIMIT_BYTES,
    ),
  );
const now = () => new Date(Date.now()).toISOString();

/** Numbers the change synchronously (so concurrent handlers never share a seq), then projects it. */
async function project(run: PlanRun, change: PlanChange, command?: ActorCommand): Promise<void> {
  apply(run, { type: 'NUMBERED' });
  const { input, state } = run;
  await projectPlanChange({
    referralId: input.referralId,
    region: input.region,
    ownerOrg: input.ownerOrg,
    seq: state.seq,
    at: now(),
    actor: command?.actor,
    correlationId: command?.correlationId,
    nextReviewDueAt: state.cycle.dueAt,
    nextReviewOpensAt: nextReviewOpensAt(run) ?? null,
    change,
  });
}

const editor = (run: PlanRun, command: ActorCommand) =>
  refuseOnDomainError(() => checkPlanEditor(command.actor, run.owners, run.state.closed));

function findAction(run: PlanRun, actionId: string): PlanAction {
  const action = run.state.actions.find((candidate) => candidate.id === actionId);
  if (action === undefined) throw new DomainError('NOT_FOUND', 'No such action in this plan');
  return action;
}
const changed = (run: PlanRun, command: ChangeActionCommand, at: string) =>
  refuseOnDomainError(() => changeAction(findAction(run, command.actionId), command, at));

/**
 * Only the current owners' signatures count on the open review. Asked only when the open review has seen an owner
 * change (reviewSpansOwnerChange), so no other history gains a marker; one without it keeps the old count.
 */
export const CURRENT_SIGNERS_PATCH = 'review-counts-current-owners-only';

/**
 * Signatures made before the run's start (a plan reopened after a stand-down) do not count on the open review. Asked
 * only when the open review holds one (reviewSignedBefore), so no other history gains a marker.
 */
export const SIGNED_SINCE_RESTART_PATCH = 'review-counts-signatures-since-restart';

/** Which signatures count: only the current owners' (CURRENT_SIGNERS_PATCH), only those since the run's start. */
interface Counting {
  currentSigners: boolean;
  sinceStart: boolean;
}

function signed(run: PlanRun, command: SignReviewCommand, at: string, newId: () => string, counting: Counting) {
  const role = editor(run, command);
  const signer = { role, sub: command.actor.sub, name: command.actor.name };
  const rules = {
    nextOpensAt: nextReviewOpensAt(run),
    owners: counting.currentSigners ? run.owners : undefined,
    since: counting.sinceStart ? run.input.startedAt : undefined,
  };
  return refuseOnDomainError(() => signReview(run.state.reviews, signer, command.summary, at, newId, rules));
}

/**
 * When this cycle has had its review: the next opens at the cycle's reminder (one review per cycle). A review before
 * the run's start (a plan reopened after a stand-down starts then; continue-as-new keeps it) is not this cycle's.
 */
function nextReviewOpensAt({ onePerCycle, state, input }: PlanRun): string | undefined {
  const held = reviewHeldThisCycle(state.reviews, state.missedReviews, input.startedAt);
  return onePerCycle && held ? state.cycle.remindAt : undefined;
}

const datesOf = (fields: Record<string, unknown>) => refuseOnDomainError(() => requireInstants(fields));
const textOf = (fields: Record<string, string | undefined>) => refuseOnDomainError(() => requireVisibleText(fields));

/** The snapshot query and the referral's signals (registered in this order). */
function registerReferralHandlers(run: PlanRun): void {
  const { input, owners } = run;
  setHandler(planSnapshotQuery, () => ({
    ...run.state,
    referralId: input.referralId,
    sio: owners.sio,
    lro: owners.lro,
    startedAt: input.startedAt,
  }));

  setHandler(planAnswerQuery, (updateId) => {
    const recordId = run.answered.get(updateId);
    const { actions, disruptions, reviews } = run.state;
    return [...actions, ...disruptions, ...reviews].find((record) => record.id === recordId) ?? null;
  });

  setHandler(closePlanSignal, () => {
    apply(run, { type: 'CLOSED' });
  });

  // The referral's workflow checked the change; from now on only the newcomer may edit or sign.
  setHandler(changePlanOwnerSignal, ({ role, owner }) => {
    if (role === 'SIO') owners.sio = owner;
    else owners.lro = owner;
  });
}

/** Adding and changing actions (registered in this order). */
function registerActionHandlers(run: PlanRun): void {
  setHandler(
    addActionUpdate,
    async (command) => {
      const earlier = answeredBefore(run, run.state.actions);
      if (earlier) return earlier;
      editor(run, command);
      const at = now();
      const action: PlanAction = {
        id: uuid4(),
        pillar: command.pillar,
        description: command.description,
        ownerOrg: command.ownerOrg,
        ownerName: command.ownerName,
        partners: command.partners,
        dueAt: command.dueAt,
        status: 'PLANNED',
        version: 1,
        createdBy: command.actor.sub,
        createdAt: at,
        updatedAt: at,
      };
      apply(run, { type: 'ACTION_ADDED', action });
      answering(run, action);
      measure(run);
      await project(run, { kind: 'ACTION_ADDED', action }, command);
      return action;
    },
    {
      validator: (command: AddActionCommand) => {
        if (answeredBefore(run, run.state.actions)) return;
        editor(run, command);
        datesOf({ dueAt: command.dueAt });
        textOf({
          description: command.description,
          ownerOrg: command.ownerOrg,
          ownerName: command.ownerName,
          ...Object.fromEntries(command.partners.map((partner, index) => [`partners[${index}]`, partner])),
        });
        roomFor(run, command);
      },
    },
  );

  setHandler(
    changeActionUpdate,
    async (command) => {
      const earlier = answeredBefore(run, run.state.actions);
      if (earlier) return earlier;
      editor(run, command);
      const action = changed(run, command, now());
      apply(run, { type: 'ACTION_CHANGED', action });
      answering(run, action);
      measure(run);
      await project(run, { kind: 'ACTION_CHANGED', action }, command);
      return action;
    },
    {
      validator: (command: ChangeActionCommand) => {
        if (answeredBefore(run, run.state.actions)) return;
        editor(run, command);
        textOf({ outcome: command.outcome });
        changed(run, command, now());
      },
    },
  );
}

/** Recording disruptions and signing reviews (registered in this order). */
function registerRecordHandlers(run: PlanRun): void {
  setHandler(
    recordDisruptionUpdate,
    async (command) => {
      const earlier = answeredBefore(run, run.state.disruptions);
      if (earlier) return earlier;
      editor(run, command);
      const disruption = {
        id: uuid4(),
        pillar: command.pillar,
        significance: command.significance,
        description: command.description,
        occurredAt: command.occurredAt,
        recordedBy: command.actor.sub,
        recordedAt: now(),
      };
      apply(run, { type: 'DISRUPTION_RECORDED', disruption });
      answering(run, disruption);
      measure(run);
      await project(run, { kind: 'DISRUPTION_RECORDED', disruption }, command);
      return disruption;
    },
    {
      validator: (command: RecordDisruptionCommand) => {
        if (answeredBefore(run, run.state.disruptions)) return;
        editor(run, command);
        datesOf({ occurredAt: command.occurredAt });
        textOf({ description: command.description });
        roomFor(run, command);
      },
    },
  );

  setHandler(
    signReviewUpdate,
    async (command) => {
      const earlier = answeredBefore(run, run.state.reviews);
      if (earlier) return earlier;
      const currentSigners = reviewSpansOwnerChange(run.state.reviews, run.owners) && patched(CURRENT_SIGNERS_PATCH);
      const sinceStart =
        reviewSignedBefore(run.state.reviews, run.input.startedAt) && patched(SIGNED_SINCE_RESTART_PATCH);
      const review = signed(run, command, now(), uuid4, { currentSigners, sinceStart });
      // A completed review starts the next cycle from today.
      apply(run, { type: 'REVIEW_SIGNED', review });
      answering(run, review);
      measure(run);
      await project(run, { kind: 'REVIEW_SIGNED', review }, command);
      return review;
    },
    {
      validator: (command: SignReviewCommand) => {
        if (answeredBefore(run, run.state.reviews)) return;
        textOf({ summary: command.summary });
        // Validators are not run on replay: a new Update is judged by today's rule.
        signed(run, command, now(), () => 'validating', { currentSigners: true, sinceStart: true });
      },
    },
  );
}

const historyIsLong = (run: PlanRun) =>
  workflowInfo().historyLength >= run.input.continueAsNewAfterEvents || workflowInfo().continueAsNewSuggested;

/** Review cycles until the plan closes: a reminder before each due date, a missed review recorded at it. */
async function runReviewCycles(run: PlanRun): Promise<void> {
  while (!run.state.closed) {
    if (historyIsLong(run)) {
      // Let accepted updates finish projecting first, so none is lost across the new run.
      await condition(allHandlersFinished);
      await continueAsNew<typeof planWorkflow>({
        ...run.input,
        ...run.owners,
        state: run.state,
        answered: carriedAnswers(run),
      });
    }
    let cycle = run.state.cycle;
    const cycleEnded = () => run.state.cycle !== cycle || run.state.closed || historyIsLong(run);
    const dueAt = new Date(cycle.dueAt);
    if (cycle.remindedAt === undefined) {
      if (await changesBefore(cycleEnded, new Date(cycle.remindAt))) continue;
      if (Date.now() < dueAt.getTime()) {
        apply(run, { type: 'REVIEW_REMINDED', at: now() });
        // The same cycle, now reminded: it has not ended.
        cycle = run.state.cycle;
        await project(run, { kind: 'REVIEW_REMINDER', dueAt: cycle.dueAt });
      }
    }
    if (await changesBefore(cycleEnded, dueAt)) continue;
    // The next cycle runs from the missed due date, so a plan nobody reviews escalates every cycle.
    const missed = { dueAt: cycle.dueAt, recordedAt: now() };
    apply(run, { type: 'REVIEW_MISSED', missed });
    measure(run);
    await project(run, { kind: 'REVIEW_OVERDUE', missed });
  }
}

/**
 * The 4P plan of one adopted referral, owned jointly by its SIO and LRO. Changes arrive as Updates,
 * checked by the pure plan rules and projected to Postgres before they answer. Joint reviews run on a
 * cadence: a reminder before each due date; at the due date a missed review is recorded and escalated,
 * and the next cycle starts. The plan lives as long as the tasking, so it continues as new before its
 * history grows large, carrying its whole state, including the running review cycle.
 */
export async function planWorkflow(input: PlanWorkflowInput): Promise<PlanState> {
  const run = startPlanRun(input);
  registerReferralHandlers(run);
  registerActionHandlers(run);
  registerRecordHandlers(run);
  await runReviewCycles(run);
  await condition(allHandlersFinished);
  // The closed plan's state: a tasking adopted again reopens it (referral workflow, REOPEN_PLAN_PATCH).
  return run.state;
}
