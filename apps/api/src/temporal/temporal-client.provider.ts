import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@rocu/config';

/**
 * The API's Temporal client. The connection is lazy so the API starts (and reports Temporal as down in
 * /health) while Temporal is unavailable, instead of crashing.
 */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;

  constructor(config: AppConfig) {
    this.connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: 5_000 });
    this.client = new Client({ connection: this.connection, namespace: config.TEMPORAL_NAMESPACE });
    this.taskQueue = config.TEMPORAL_TASK_QUEUE;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
