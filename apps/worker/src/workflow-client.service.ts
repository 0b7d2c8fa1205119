import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure, UpdateDefinition } from '@temporalio/common';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { AppConfig } from '@rocu/config';
import { DomainError } from '@rocu/domain';
import { sendUpdate } from '@rocu/temporal-client';
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
    this.client = new Client({
      connection: this.connection,
      namespace: config.TEMPORAL_NAMESPACE,
      // Decisions sent from an activity continue the activity's trace into the referral's workflow.
      interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    });
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
      await sendUpdate(this.client, {
        workflowId: referralWorkflowId(referralId),
        definition,
        command,
        updateId,
        endedMessage: 'The referral has ended and can no longer be decided',
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
