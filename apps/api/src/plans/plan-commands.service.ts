import { Injectable } from '@nestjs/common';
import { UpdateDefinition } from '@temporalio/common';
import { Actor, changeAction, checkPlanEditor, DomainError, PlanAction } from '@rocu/domain';
import {
  ActorCommand,
  addActionUpdate,
  changeActionUpdate,
  planAnswerQuery,
  planWorkflowId,
  recordDisruptionUpdate,
  signReviewUpdate,
} from '@rocu/contracts';
import { IdempotencyService } from '../common/idempotency';
import { sendKeyedUpdate } from '../common/keyed-update';
import { TemporalClientService } from '../temporal/temporal-client.provider';
import type { PlanRow } from '@rocu/persistence';
import { PlanQueriesService } from './plan-queries.service';
import { AddActionRequest, ChangeActionRequest, DisruptionRequest, ReviewRequest } from './plan-requests.dto';

/** A change's kind (it names the keyed Update), its Idempotency-Key, and any check beyond the plan's editor. */
interface PlanChange {
  kind: string;
  idempotencyKey?: string;
  alsoCheck?: (plan: PlanRow) => Promise<void>;
}

/**
 * Write side of 4P plans: each change is an Update on the plan's workflow, after the same checks the
 * workflow makes, against the read model, for a fast refusal: visible (404), the plan's SIO or LRO (403),
 * open (409), and for action changes the version (409). With an Idempotency-Key a repeat is the same Update
 * (`sendKeyedUpdate`), answered with the first outcome: a retry after a timeout never adds a second action, and
 * the key's record in Postgres answers it even after the plan has continued as new; had that record been lost, the
 * plan's workflow knows the Updates of its earlier runs and answers a repeat with the record as it now stands (the
 * version check is then the workflow's).
 */
@Injectable()
export class PlanCommandsService {
  constructor(
    private readonly temporal: TemporalClientService,
    private readonly queries: PlanQueriesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async addAction(
    actor: Actor,
    id: string,
    request: AddActionRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<PlanAction> {
    const command = { actor, correlationId, ...request, partners: request.partners ?? [] };
    return this.send(actor, id, addActionUpdate, command, { kind: 'action', idempotencyKey });
  }

  async changeAction(
    actor: Actor,
    id: string,
    actionId: string,
    request: ChangeActionRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<PlanAction> {
    const current = async (): Promise<void> => {
      const action = await this.queries.findAction(id, actionId);
      if (!action) throw new DomainError('NOT_FOUND', 'No such action in this plan');
      changeAction(action, request, new Date().toISOString());
    };
    const command = { actor, correlationId, actionId, ...request };
    return this.send(actor, id, changeActionUpdate, command, {
      kind: 'action-change',
      idempotencyKey,
      alsoCheck: current,
    });
  }

  async recordDisruption(
    actor: Actor,
    id: string,
    request: DisruptionRequest,
    correlationId: string,
    idempotencyKey?: string,
  ) {
    const command = { actor, correlationId, ...request };
    return this.send(actor, id, recordDisruptionUpdate, command, { kind: 'disruption', idempotencyKey });
  }

  async signReview(actor: Actor, id: string, request: ReviewRequest, correlationId: string, idempotencyKey?: string) {
    const command = { actor, correlationId, ...request };
    return this.send(actor, id, signReviewUpdate, command, { kind: 'review', idempotencyKey });
  }

  private async send<C extends ActorCommand, R>(
    actor: Actor,
    id: string,
    definition: UpdateDefinition<R, [C]>,
    command: C,
    { kind, idempotencyKey, alsoCheck }: PlanChange,
  ): Promise<R> {
    const workflowId = planWorkflowId(id);
    const answerOf = async (updateId: string) =>
      (await this.temporal.query(workflowId, planAnswerQuery, updateId)) ?? null;
    const checkedUpdate = async (updateId?: string, repeat = false): Promise<R> => {
      const plan = await this.queries.findVisible(actor, id);
      // A repeat of an Update an earlier run applied is answered with its record as it now stands, as the workflow
      // would: whatever changed since, the plan closed (its workflow then takes no Update) or its editor replaced.
      const answered = repeat && updateId !== undefined ? await answerOf(updateId) : null;
      if (answered !== null) return answered as R;
      checkPlanEditor(actor, plan, plan.closedAt !== null);
      if (!repeat) await alsoCheck?.(plan);
      return this.temporal.sendUpdate({
        workflowId,
        definition,
        command,
        updateId,
        endedMessage: 'The referral is closed; its 4P plan is read-only',
        details: { state: 'CLOSED' },
      });
    };
    if (idempotencyKey === undefined) return checkedUpdate();
    const { actor: _actor, correlationId: _correlationId, ...body } = command;
    const target = {
      record: `plan:${id}`,
      workflowId,
      kind,
      // A changed body under a key whose first request was applied in an earlier run is refused (422) too.
      appliedInEarlierRun: async (updateId: string) => (await answerOf(updateId)) !== null,
    };
    return sendKeyedUpdate(
      this.idempotency,
      this.temporal,
      target,
      actor,
      { key: idempotencyKey, body },
      checkedUpdate,
    );
  }
}
