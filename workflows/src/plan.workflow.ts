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
  applyPlanEvent,
  changeAction,
  checkPlanEditor,
  checkPlanRoom,
  DomainError,
  initialPlanState,
  PlanAction,
  PlanEvent,
  PLAN_STATE_LIMIT_BYTES,
  requireInstants,
  requireVisibleText,
  reviewHeldThisCycle,
  signReview,
  utf8Length,
} from '@rocu/domain';
import {
  addActionUpdate,
  changeActionUpdate,
  changePlanOwnerSignal,
  closePlanSignal,
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
  let state = input.state ?? initialPlanState(new Date(input.startedAt), input.policy);
  const apply = (event: PlanEvent): void => {
    state = applyPlanEvent(state, event, input.policy);
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
    apply({ type: 'NUMBERED' });
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
    sio: owners.sio,
    lro: owners.lro,
    startedAt: input.startedAt,
  }));

  setHandler(closePlanSignal, () => {
    apply({ type: 'CLOSED' });
  });

  // The referral's workflow checked the change; from now on only the newcomer may edit or sign.
  setHandler(changePlanOwnerSignal, ({ role, owner }) => {
    if (role === 'SIO') owners.sio = owner;
    else owners.lro = owner;
  });

  const datesOf = (fields: Record<string, unknown>) => refuseOnDomainError(() => requireInstants(fields));
  const textOf = (fields: Record<string, string | undefined>) => refuseOnDomainError(() => requireVisibleText(fields));

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
      apply({ type: 'ACTION_ADDED', action });
      measure();
      await project({ kind: 'ACTION_ADDED', action }, command);
      return action;
    },
    {
      validator: (command: AddActionCommand) => {
        editor(command);
        datesOf({ dueAt: command.dueAt });
        textOf({
          description: command.description,
          ownerOrg: command.ownerOrg,
          ownerName: command.ownerName,
          ...Object.fromEntries(command.partners.map((partner, index) => [`partners[${index}]`, partner])),
        });
        roomFor(command);
      },
    },
  );

  setHandler(
    changeActionUpdate,
    async (command) => {
      editor(command);
      const action = changed(command, now());
      apply({ type: 'ACTION_CHANGED', action });
      measure();
      await project({ kind: 'ACTION_CHANGED', action }, command);
      return action;
    },
    {
      validator: (command: ChangeActionCommand) => {
        editor(command);
        textOf({ outcome: command.outcome });
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
      apply({ type: 'DISRUPTION_RECORDED', disruption });
      measure();
      await project({ kind: 'DISRUPTION_RECORDED', disruption }, command);
      return disruption;
    },
    {
      validator: (command: RecordDisruptionCommand) => {
        editor(command);
        datesOf({ occurredAt: command.occurredAt });
        textOf({ description: command.description });
        roomFor(command);
      },
    },
  );

  setHandler(
    signReviewUpdate,
    async (command) => {
      const review = signed(command, now(), uuid4);
      // A completed review starts the next cycle from today.
      apply({ type: 'REVIEW_SIGNED', review });
      measure();
      await project({ kind: 'REVIEW_SIGNED', review }, command);
      return review;
    },
    {
      validator: (command: SignReviewCommand) => {
        textOf({ summary: command.summary });
        signed(command, now(), () => 'validating');
      },
    },
  );

  const historyIsLong = () =>
    workflowInfo().historyLength >= input.continueAsNewAfterEvents || workflowInfo().continueAsNewSuggested;

  while (!state.closed) {
    if (historyIsLong()) {
      // Let accepted updates finish projecting first, so none is lost across the new run.
      await condition(allHandlersFinished);
      await continueAsNew<typeof planWorkflow>({ ...input, ...owners, state });
    }
    let cycle = state.cycle;
    const cycleEnded = () => state.cycle !== cycle || state.closed || historyIsLong();
    const dueAt = new Date(cycle.dueAt);
    if (cycle.remindedAt === undefined) {
      if (await changesBefore(cycleEnded, new Date(cycle.remindAt))) continue;
      if (Date.now() < dueAt.getTime()) {
        apply({ type: 'REVIEW_REMINDED', at: now() });
        // The same cycle, now reminded: it has not ended.
        cycle = state.cycle;
        await project({ kind: 'REVIEW_REMINDER', dueAt: cycle.dueAt });
      }
    }
    if (await changesBefore(cycleEnded, dueAt)) continue;
    // The next cycle runs from the missed due date, so a plan nobody reviews escalates every cycle.
    const missed = { dueAt: cycle.dueAt, recordedAt: now() };
    apply({ type: 'REVIEW_MISSED', missed });
    measure();
    await project({ kind: 'REVIEW_OVERDUE', missed });
  }
  await condition(allHandlersFinished);
}
