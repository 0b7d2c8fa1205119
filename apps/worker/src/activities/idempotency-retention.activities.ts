import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IdempotencyRetentionActivities as Activities } from '@rocu/contracts';
import { pruneIdempotencyKeys } from '@rocu/persistence';

/** Rows deleted a statement: each statement's locks stay short however large the backlog. */
const BATCH_ROWS = 5000;

/** The key-retention workflow's activity, run by the worker with its database connection. */
@Injectable()
export class IdempotencyRetentionActivities implements Activities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  pruneIdempotencyKeys(retentionMs: number): Promise<number> {
    return pruneIdempotencyKeys(this.dataSource.manager, retentionMs, BATCH_ROWS);
  }
}
