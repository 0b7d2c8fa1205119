import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  changeAction,
  checkPlanEditor,
  checkPlanRoom,
  DomainError,
  PlanAction,
  PLAN_STATE_LIMIT_BYTES,
  requireInstants,
  reviewCycle,
  reviewHeldThisCycle,
  signReview,
  utf8Length,
} from '@rocu/domain';
import {
  addActionUpdate,
  changeActionUpdate,
  closePlanSignal,
  planSnapshotQuery,
  recordDisruptionUpdate,
  signReviewUpdate,
  type ActorCommand,
  type AddActionCommand,
  type ChangeActionCommand,
  type PlanActivities,
  type PlanChange,
  type PlanState,
  type PlanWorkflowInput,
  type RecordDisruptionCommand,
  type SignReviewCommand,
} from '@rocu/contracts';
import { changesBefore, refuseOnDomainError } from './workflow-support';

const { projectPlanChange } = proxyActivities<PlanActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The 4P plan of one adopted referral, owned jointly by its SIO and LRO. Changes arrive as Updates,
 * checked by the pure plan rules and projected to Postgres before they answer. Joint reviews run on a
 * cadence: a reminder before each due date; at the due date a missed review is recorded and escalated,
 * and the next cycle starts. The plan lives as long as the tasking, so it continues as new before its
 * history grows large, carrying its whole state, including the running review cycle.
 */
export async function planWorkflow(input: PlanWorkflowInput): Promise<void> {
  const state: PlanState = input.state ?? {
    seq: 0,
    actions: [],
    disruptions: [],
    reviews: [],
    missedReviews: [],
    cycle: reviewCycle(new Date(input.startedAt), input.policy),
    closed: false,
  };
  const owners = { sio: input.sio, lro: input.lro };
  /** One joint review per cycle (issue #13); runs started before this change keep allowing the next at once. */
  const onePerCycle = patched('one-review-per-cycle');
  /**
   * The size of what a continue-as-new would carry, kept current after every change. New actions and
   * disruptions must fit under the limit; finishing an action and signing a review never are refused, and
   * the limit leaves them half of Temporal's payload size.
   */
  let stateBytes = utf8Length(JSON.stringify(state));
  const measure = () => {
    stateBytes = utf8Length(JSON.stringify(state));
  };
  const roomFor = (command: object) =>
    refuseOnDomainError(() =>
      checkPlanRoom(stateBytes, utf8Length(JSON.stringify(command)), input.stateLimitBytes ?? PLAN_STATE_LIMIT_BYTES),
    );
  const now = () => new Date(Date.now()).toISOString();

  /** Numbers the change synchronously (so concurrent handlers never share a seq), then projects it. */
  const project = async (change: PlanChange, command?: ActorCommand): Promise<void> => {
    state.seq += 1;
    await projectPlanChange({
      referralId: input.referralId,
      region: input.region,
      ownerOrg: input.ownerOrg,
      seq: state.seq,
      at: now(),
      actor: command?.actor,
      correlationId: command?.correlationId,
      nextReviewDueAt: state.cycle.dueAt,
      change,
    });
  };

  const editor = (command: ActorCommand) =>
    refuseOnDomainError(() => checkPlanEditor(command.actor, owners, state.closed));

  const findAction = (actionId: string): PlanAction => {
    const action = state.actions.find((candidate) => candidate.id === actionId);
    if (action === undefined) throw new DomainError('NOT_FOUND', 'No such action in this plan');
    return action;
  };
  const changed = (command: ChangeActionCommand, at: string) =>
    refuseOnDomainError(() => changeAction(findAction(command.actionId), command, at));

  const signed = (command: SignReviewCommand, at: string, newId: () => string) => {
    const role = editor(command);
    const signer = { role, sub: command.actor.sub, name: command.actor.name };
    const nextOpensAt =
      onePerCycle && reviewHeldThisCycle(state.reviews, state.missedReviews) ? state.cycle.remindAt : undefined;
    return refuseOnDomainError(() => signReview(state.reviews, signer, command.summary, at, newId, nextOpensAt));
  };

  setHandler(planSnapshotQuery, () => ({
    ...state,
    referralId: input.referralId,
    sio: input.sio,
    lro: input.lro,
    startedAt: input.startedAt,
  }));

  setHandler(closePlanSignal, () => {
    state.closed = true;
  });

  const datesOf = (fields: Record<string, unknown>) => refuseOnDomainError(() => requireInstants(fields));

  setHandler(
    addActionUpdate,
    async (command) => {
      editor(command);
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
      state.actions.push(action);
      measure();
      await project({ kind: 'ACTION_ADDED', action }, command);
      return action;
    },
    {
      validator: (command: AddActionCommand) => {
        editor(command);
        datesOf({ dueAt: command.dueAt });
        roomFor(command);
      },
    },
  );

  setHandler(
    changeActionUpdate,
    async (command) => {
      editor(command);
      const action = changed(command, now());
      state.actions = state.actions.map((existing) => (existing.id === action.id ? action : existing));
      measure();
      await project({ kind: 'ACTION_CHANGED', action }, command);
      return action;
    },
    {
      validator: (command: ChangeActionCommand) => {
        editor(command);
        changed(command, now());
      },
    },
  );

  setHandler(
    recordDisruptionUpdate,
    async (command) => {
      editor(command);
      const disruption = {
        id: uuid4(),
        pillar: command.pillar,
        significance: command.significance,
        description: command.description,
        occurredAt: command.occurredAt,
        recordedBy: command.actor.sub,
        recordedAt: now(),
      };
      state.disruptions.push(disruption);
      measure();
      await project({ kind: 'DISRUPTION_RECORDED', disruption }, command);
      return disruption;
    },
    {
      validator: (command: RecordDisruptionCommand) => {
        editor(command);
        datesOf({ occurredAt: command.occurredAt });
        roomFor(command);
      },
    },
  );

  setHandler(
    signReviewUpdate,
    async (command) => {
      const review = signed(command, now(), uuid4);
      const index = state.reviews.findIndex((existing) => existing.id === review.id);
      if (index === -1) state.reviews.push(review);
      else state.reviews[index] = review;
      // A completed review starts the next cycle from today.
      if (review.completedAt !== undefined) state.cycle = reviewCycle(new Date(review.completedAt), input.policy);
      measure();
      await project({ kind: 'REVIEW_SIGNED', review }, command);
      return review;
    },
    {
      validator: (command: SignReviewCommand) => void signed(command, now(), () => 'validating'),
    },
  );

  const historyIsLong = () =>
    workflowInfo().historyLength >= input.continueAsNewAfterEvents || workflowInfo().continueAsNewSuggested;

  while (!state.closed) {
    if (historyIsLong()) {
      // Let accepted updates finish projecting first, so none is lost across the new run.
      await condition(allHandlersFinished);
      await continueAsNew<typeof planWorkflow>({ ...input, state });
    }
    const cycle = state.cycle;
    const cycleEnded = () => state.cycle !== cycle || state.closed || historyIsLong();
    const dueAt = new Date(cycle.dueAt);
    if (cycle.remindedAt === undefined) {
      if (await changesBefore(cycleEnded, new Date(cycle.remindAt))) continue;
      if (Date.now() < dueAt.getTime()) {
        cycle.remindedAt = now();
        await project({ kind: 'REVIEW_REMINDER', dueAt: cycle.dueAt });
      }
    }
    if (await changesBefore(cycleEnded, dueAt)) continue;
    const missed = { dueAt: cycle.dueAt, recordedAt: now() };
    state.missedReviews.push(missed);
    // The next cycle runs from the missed due date, so a plan nobody reviews escalates every cycle.
    state.cycle = reviewCycle(dueAt, input.policy);
    measure();
    await project({ kind: 'REVIEW_OVERDUE', missed });
  }
  await condition(allHandlersFinished);
}
