import { Injectable } from '@nestjs/common';
import { UpdateDefinition } from '@temporalio/common';
import { Actor, changeAction, checkPlanEditor, DomainError, PlanAction } from '@rocu/domain';
import {
  ActorCommand,
  addActionUpdate,
  changeActionUpdate,
  planWorkflowId,
  recordDisruptionUpdate,
  signReviewUpdate,
} from '@rocu/contracts';
import { IdempotencyService, keyedUpdateId } from '../common/idempotency';
import { TemporalClientService } from '../temporal/temporal-client.provider';
import type { PlanRow } from '@rocu/persistence';
import { PlanQueriesService } from './plan-queries.service';
import { AddActionRequest, ChangeActionRequest, DisruptionRequest, ReviewRequest } from './plan-requests.dto';

/**
 * With an Idempotency-Key a repeated request is the same Temporal Update (by id), which answers with the
 * first outcome instead of applying again: a retry after a timeout never adds a second action. Temporal
 * remembers update ids within a workflow run; the key's request and outcome are also kept in Postgres, so a
 * repeat after the plan has continued as new still answers with the first outcome, and another body is 422.
 */
const updateIdFor = (actor: Actor, kind: string, idempotencyKey: string | undefined): string | undefined =>
  idempotencyKey ? keyedUpdateId(kind, actor, idempotencyKey) : undefined;

/**
 * Write side of 4P plans: each change is an Update on the plan's workflow, after the same checks the
 * workflow makes, against the read model, for a fast refusal: visible (404), the plan's SIO or LRO (403),
 * open (409), and for action changes the version (409).
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
    return this.send(actor, id, addActionUpdate, command, undefined, updateIdFor(actor, 'action', idempotencyKey));
  }

  async changeAction(
    actor: Actor,
    id: string,
    actionId: string,
    request: ChangeActionRequest,
    correlationId: string,
  ): Promise<PlanAction> {
    const current = async (): Promise<void> => {
      const action = await this.queries.findAction(id, actionId);
      if (!action) throw new DomainError('NOT_FOUND', 'No such action in this plan');
      changeAction(action, request, new Date().toISOString());
    };
    return this.send(actor, id, changeActionUpdate, { actor, correlationId, actionId, ...request }, current);
  }

  async recordDisruption(
    actor: Actor,
    id: string,
    request: DisruptionRequest,
    correlationId: string,
    idempotencyKey?: string,
  ) {
    const updateId = updateIdFor(actor, 'disruption', idempotencyKey);
    return this.send(actor, id, recordDisruptionUpdate, { actor, correlationId, ...request }, undefined, updateId);
  }

  async signReview(actor: Actor, id: string, request: ReviewRequest, correlationId: string, idempotencyKey?: string) {
    const updateId = updateIdFor(actor, 'review', idempotencyKey);
    return this.send(actor, id, signReviewUpdate, { actor, correlationId, ...request }, undefined, updateId);
  }

  private async send<C extends ActorCommand, R>(
    actor: Actor,
    id: string,
    definition: UpdateDefinition<R, [C]>,
    command: C,
    alsoCheck: (plan: PlanRow) => Promise<void> = async () => undefined,
    updateId?: string,
  ): Promise<R> {
    const plan = await this.queries.findVisible(actor, id);
    checkPlanEditor(actor, plan, plan.closedAt !== null);
    await alsoCheck(plan);
    const { actor: _actor, correlationId: _correlationId, ...request } = command;
    const workflowId = planWorkflowId(id);
    const tookEffect = async () => updateId !== undefined && this.temporal.updateCompleted(workflowId, updateId);
    return this.idempotency.once(updateId && `plan:${id}:${updateId}`, request, tookEffect, () =>
      this.temporal.sendUpdate({
        workflowId,
        definition,
        command,
        updateId,
        endedMessage: 'The referral is closed; its 4P plan is read-only',
        details: { state: 'CLOSED' },
      }),
    );
  }
}
