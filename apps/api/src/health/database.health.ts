import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pingDatabase } from '@rocu/persistence';
import { databaseDownReason } from './database-down-reason';

const PROBE_TIMEOUT_MS = 3_000;

/** Postgres answers `SELECT 1` within 3 s through the API's own pool; when not, says why (see databaseDownReason). */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async check(key: string) {
    const check = this.indicator.check(key);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    try {
      await Promise.race([pingDatabase(this.dataSource), timeout]);
      return check.up();
    } catch (error) {
      return check.down({ message: databaseDownReason(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
