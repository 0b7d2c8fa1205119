import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  Client,
  WorkflowUpdateFailedError,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  WithStartWorkflowOperation,
  type WorkflowStartOptions,
} from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import {
  WorkflowNotFoundError,
  type QueryDefinition,
  type UpdateDefinition,
  type WorkflowIdConflictPolicy,
} from '@temporalio/common';
import { AppConfig } from '@rocu/config';
import { sendUpdate, UpdateRequest } from '@rocu/temporal-client';
import { updateMetricsInterceptor } from '../observability/update-metrics.interceptor';

/** gRPC's own statuses when there is no server to talk to (as opposed to an UNAVAILABLE the server sent). */
const UNREACHABLE = /No connection established|Connection dropped|ECONNREFUSED|ECONNRESET|ETIMEDOUT/;
const SDK_DEFAULT_RETRY = defaultGrpcRetryOptions();
const UNREACHABLE_RETRY = defaultGrpcRetryOptions({ maxAttempts: 3, factor: 2 });

/**
 * While Temporal cannot be reached, a call is tried three times over about 0.6 s, then fails, so an action
 * answers 503 within about a second; the SDK's default (ten attempts, backing off to 5 s) held the person's
 * request for about 19 s. Retrying once or twice still covers a connection dropped by a node that went away
 * while another serves (a retry reconnects, through the cluster's front, to a live node); the Update keeps
 * its id across retries. An UNAVAILABLE the server itself answers (e.g. an Update aborted while a worker
 * comes back) keeps the SDK's default retries.
 */
const RETRY_CALLS = makeGrpcRetryInterceptor({
  retryableDecider: (attempt, status) =>
    (UNREACHABLE.test(status.details) ? UNREACHABLE_RETRY : SDK_DEFAULT_RETRY).retryableDecider(attempt, status),
  delayFunction: (attempt, status) =>
    (UNREACHABLE.test(status.details) ? UNREACHABLE_RETRY : SDK_DEFAULT_RETRY).delayFunction(attempt, status),
});

/**
 * gRPC backs reconnection off up to 2 minutes by default; after an outage the API should find Temporal
 * again within seconds of it coming back.
 */
const RECONNECT_BACKOFF = { 'grpc.initial_reconnect_backoff_ms': 500, 'grpc.max_reconnect_backoff_ms': 2_000 };

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
    this.connection = Connection.lazy({
      address: config.TEMPORAL_ADDRESS,
      connectTimeout: 5_000,
      interceptors: [RETRY_CALLS],
      channelArgs: RECONNECT_BACKOFF,
    });
    this.client = new Client({
      connection: this.connection,
      namespace: config.TEMPORAL_NAMESPACE,
      // A span per start, Update and query; its context (with the correlation id) rides in the headers.
      interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor(), updateMetricsInterceptor] },
    });
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

  /**
   * Starts a workflow together with a person's first action (an Update-with-Start) under the same deadline;
   * the id and its conflict policy decide whether a repeat reaches the workflow already running.
   */
  startWithUpdate<R, C>(
    workflowType: string,
    start: Omit<WorkflowStartOptions, 'taskQueue'> & { workflowIdConflictPolicy: WorkflowIdConflictPolicy },
    definition: UpdateDefinition<R, [C]>,
    command: C,
  ): Promise<R> {
    return this.withUpdateDeadline((client) =>
      client.workflow.executeUpdateWithStart(definition, {
        args: [command],
        startWorkflowOperation: new WithStartWorkflowOperation(workflowType, { ...start, taskQueue: this.taskQueue }),
      }),
    );
  }

  /** Whether Temporal knows a workflow with this id, running or ended (until the namespace's retention). */
  async workflowExists(workflowId: string): Promise<boolean> {
    try {
      await this.client.workflow.getHandle(workflowId).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /**
   * The outcome of the Update with this id, if the workflow's current run completed it (an Update a validator
   * refused, or one never sent, is unknown to it). Waits, under the Update deadline, for one still in flight.
   */
  async completedUpdate<R>(workflowId: string, updateId: string): Promise<{ result: R } | undefined> {
    try {
      return {
        result: await this.withUpdateDeadline((client) =>
          client.workflow.getHandle(workflowId).getUpdateHandle<R>(updateId).result(),
        ),
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || error instanceof WorkflowUpdateFailedError) return undefined;
      throw error;
    }
  }

  async updateCompleted(workflowId: string, updateId: string): Promise<boolean> {
    return (await this.completedUpdate(workflowId, updateId)) !== undefined;
  }

  /** Asks a workflow a query under the Update deadline; undefined when Temporal knows no such workflow. */
  async query<R, A extends unknown[]>(
    workflowId: string,
    query: QueryDefinition<R, A>,
    ...args: A
  ): Promise<R | undefined> {
    try {
      return await this.withUpdateDeadline((client) => client.workflow.getHandle(workflowId).query(query, ...args));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
