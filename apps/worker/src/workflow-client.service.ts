import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, UpdateDefinition, WorkflowNotFoundError } from '@temporalio/common';
import { AppConfig } from '@rocu/config';
import {
  ratificationUpdate,
  referralWorkflowId,
  taskingDecisionUpdate,
  type RatificationCommand,
  type TaskingDecisionCommand,
} from '@rocu/contracts';

/** The worker's own Temporal client: meeting decisions reach referral workflows through it, and schedules start with it. */
@Injectable()
export class WorkflowClientService implements OnApplicationShutdown {
  private readonly connection: Connection;
  readonly client: Client;

  constructor(config: AppConfig) {
    this.connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
    this.client = new Client({ connection: this.connection, namespace: config.TEMPORAL_NAMESPACE });
  }

  /**
   * Sends a tasking decision. The update id makes a retried activity a no-op on the referral; a refusal by
   * the referral (e.g. withdrawn meanwhile) is non-retryable, so the meeting can report it to the chair.
   */
  decide(referralId: string, updateId: string, command: TaskingDecisionCommand): Promise<void> {
    return this.send(referralId, updateId, taskingDecisionUpdate, command);
  }

  /** Sends a meeting's ratification (RATIFY or OVERTURN) of the referral's urgent decision, as decide does. */
  ratify(referralId: string, updateId: string, command: RatificationCommand): Promise<void> {
    return this.send(referralId, updateId, ratificationUpdate, command);
  }

  private async send<C>(
    referralId: string,
    updateId: string,
    definition: UpdateDefinition<unknown, [C]>,
    command: C,
  ): Promise<void> {
    try {
      await this.client.workflow.getHandle(referralWorkflowId(referralId)).executeUpdate(definition, {
        updateId,
        args: [command],
      });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw ApplicationFailure.create({
          type: error.cause.type ?? undefined,
          message: error.cause.message,
          nonRetryable: true,
        });
      }
      if (error instanceof WorkflowNotFoundError) {
        throw ApplicationFailure.create({
          type: 'NOT_ALLOWED_IN_STATE',
          message: 'The referral has ended and can no longer be decided',
          nonRetryable: true,
        });
      }
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
