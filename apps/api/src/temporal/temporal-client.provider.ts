import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@rocu/config';
import { sendUpdate, UpdateRequest } from '@rocu/temporal-client';

/**
 * The API's Temporal client. The connection is lazy so the API starts (and reports Temporal as down in
 * /health) while Temporal is unavailable, instead of crashing.
 */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;
  private readonly updateTimeoutMs: number;

  constructor(config: AppConfig) {
    this.connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: 5_000 });
    this.client = new Client({ connection: this.connection, namespace: config.TEMPORAL_NAMESPACE });
    this.taskQueue = config.TEMPORAL_TASK_QUEUE;
    this.updateTimeoutMs = config.TEMPORAL_UPDATE_TIMEOUT_MS;
  }

  /**
   * Runs a person's action (an Update) with a deadline: with no worker to handle it, the caller gets a 503
   * to retry instead of a request that hangs. The workflow still applies an Update it has accepted.
   */
  withUpdateDeadline<R>(send: (client: Client) => Promise<R>): Promise<R> {
    return this.client.withDeadline(Date.now() + this.updateTimeoutMs, () => send(this.client));
  }

  /** Sends a person's action to a workflow with that deadline; the workflow's refusal throws as a DomainError. */
  sendUpdate<R, C>(request: UpdateRequest<R, C>): Promise<R> {
    return this.withUpdateDeadline((client) => sendUpdate(client, request));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
