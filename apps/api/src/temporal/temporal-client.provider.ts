import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { AppConfig } from '@rocu/config';
import { sendUpdate, UpdateRequest } from '@rocu/temporal-client';
import { updateMetricsInterceptor } from '../observability/update-metrics.interceptor';

/**
 * A call Temporal refused or dropped (UNAVAILABLE, a reset connection) is tried three times over about
 * 0.6 s, then fails, so an action answers 503 within about a second while Temporal is unreachable. The
 * SDK's default (ten attempts, backing off to 5 s) held the person's request for about 19 s. Retrying
 * once or twice still covers a dropped connection to a node that went away while another serves (a
 * retry reconnects, through the cluster's front, to a live node); the Update keeps its id across retries.
 */
const RETRY_REFUSED_CALLS = makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3, factor: 2 }));

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
      interceptors: [RETRY_REFUSED_CALLS],
      channelArgs: RECONNECT_BACKOFF,
    });
    this.client = new Client({
      connection: this.connection,
      namespace: config.TEMPORAL_NAMESPACE,
      interceptors: { workflow: [updateMetricsInterceptor] },
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

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
