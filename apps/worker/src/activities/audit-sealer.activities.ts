import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@rocu/config';
import type { AuditSealingActivities, AuditSealOutcome } from '@rocu/contracts';
import { sealAuditBatch } from '@rocu/persistence';

/** Rows chained per activity run: bounded so a backlog (e.g. just after the migration) is sealed in steps. */
const BATCH_ROWS = 5000;

@Injectable()
/** The sealer workflow's activity, run by the worker with its database connection and the seal key. */
export class AuditSealerActivities implements AuditSealingActivities {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  sealAuditBatch(): Promise<AuditSealOutcome> {
    return sealAuditBatch(this.dataSource, this.config.AUDIT_SEAL_KEY, BATCH_ROWS);
  }
}
