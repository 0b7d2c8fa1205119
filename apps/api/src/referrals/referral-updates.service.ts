import { Injectable } from '@nestjs/common';
import { UpdateDefinition } from '@temporalio/common';
import { Actor, DomainError, ReferralEvent, ReferralStatus, transition } from '@rocu/domain';
import { ActorCommand, ReferralSnapshot, referralWorkflowId } from '@rocu/contracts';
import type { ReferralEntity } from '@rocu/persistence';
import { IdempotencyService } from '../common/idempotency';
import { KeyedRequest, keyedRequest, sendKeyedUpdate } from '../common/keyed-update';
import { TemporalClientService } from '../temporal/temporal-client.provider';
import { ReferralQueriesService } from './referral-queries.service';
import { referralRecordOf } from './referral-record';
import { ReferralStatusDto, statusView } from './referral-views.dto';

/**
 * Sends a person's action to a referral's workflow: checks visibility (404), then the transition against
 * the read model for a fast, clear refusal (403, 409), then any further rule, then sends the Update, whose
 * validator re-checks against the workflow's own state (the authority). The one exception: a keyed repeat of
 * the person's own completed Update is answered with its outcome before those checks.
 */
@Injectable()
export class ReferralUpdatesService {
  constructor(
    private readonly temporal: TemporalClientService,
    private readonly queries: ReferralQueriesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async send<C extends ActorCommand, R>(
    actor: Actor,
    id: string,
    event: ReferralEvent,
    definition: UpdateDefinition<R, [C]>,
    command: C,
    /** A further rule, checked after visibility (404) and the transition (403, 409), given the status it moves to. */
    alsoCheck: (referral: ReferralEntity, to: ReferralStatus) => void | Promise<void> = () => undefined,
    keyed?: KeyedRequest,
  ): Promise<R> {
    const checkedUpdate = async (updateId?: string): Promise<R> => {
      const referral = await this.queries.findVisible(actor, id);
      const record = referralRecordOf(referral);
      const checked = transition(record, event, actor);
      if (!checked.ok) {
        throw new DomainError(checked.refusal, checked.reason, {
          state: checked.status,
          allowedActions: checked.allowedActions,
        });
      }
      await alsoCheck(referral, checked.to);
      try {
        return await this.temporal.sendUpdate({
          workflowId: referral.workflowId,
          definition,
          command,
          updateId,
          endedMessage: `The referral is ${record.status}; no further action is possible`,
          details: { state: record.status },
        });
      } catch (error) {
        throw stateNamedAsInProblems(error);
      }
    };
    if (keyed === undefined) return checkedUpdate();
    const target = { record: `referral:${id}`, workflowId: referralWorkflowId(id), kind: event.type };
    return sendKeyedUpdate(this.idempotency, this.temporal, target, actor, keyed, checkedUpdate);
  }

  /** The usual action: the request's fields, with the actor, make the command; the answer is the new status. */
  async sendRequest<C extends ActorCommand>(
    actor: Actor,
    id: string,
    event: ReferralEvent,
    definition: UpdateDefinition<ReferralSnapshot, [C]>,
    request: Omit<C, keyof ActorCommand>,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const command = { actor, correlationId, ...request } as C;
    const keyed = keyedRequest(idempotencyKey, request);
    return statusView(await this.send(actor, id, event, definition, command, undefined, keyed));
  }
}

/** The workflow names the state it refused in as `status`; problem bodies call it `state`. */
function stateNamedAsInProblems(error: unknown): unknown {
  if (!(error instanceof DomainError) || !error.details || !('status' in error.details)) return error;
  const { status: state, ...rest } = error.details;
  return new DomainError(error.code, error.message, { ...rest, state });
}
