import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@rocu/config';
import { pingDatabase } from '@rocu/persistence';
import {
  collectProcessMetrics,
  OpsServer,
  prometheusText,
  registerOutboxMetric,
  registerPoolMetrics,
  startOpsServer,
} from '@rocu/observability';
import { TemporalWorkerService } from '../temporal-worker.service';
import { CoreMetrics } from './core-metrics';

type Check = 'up' | 'down';

/** Resolves 'up' when the probe succeeds within the time, else 'down'. */
async function probe(check: () => Promise<unknown>, timeoutMs = 3_000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The worker's operations listener (it has no other HTTP): `/metrics` (its own series, the pool, the outbox
 * depth and the SDK core's worker metrics), `/health/live` (fails only when the Temporal worker has failed
 * or the process cannot answer) and `/health/ready` (503 naming Postgres or Temporal when unreachable, and
 * while the worker drains on SIGTERM).
 */
@Injectable()
export class WorkerOpsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerOpsService.name);
  private server?: OpsServer;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly worker: TemporalWorkerService,
    private readonly coreMetrics: CoreMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    collectProcessMetrics('worker');
    registerPoolMetrics(this.dataSource);
    registerOutboxMetric(this.dataSource);
    this.server = await startOpsServer(this.config.METRICS_HOST, this.config.WORKER_METRICS_PORT, {
      '/metrics': async () => prometheusText(await this.coreMetrics.text()),
      '/health/live': async () => {
        const live = this.worker.state() !== 'FAILED';
        return { status: live ? 200 : 503, body: { status: live ? 'ok' : 'down' } };
      },
      '/health/ready': () => this.readiness(),
    });
    this.logger.log(`operations on http://${this.config.METRICS_HOST}:${this.server.port} (/metrics, /health)`);
  }

  private async readiness() {
    const [database, temporal] = await Promise.all([
      probe(() => pingDatabase(this.dataSource)),
      probe(() => this.worker.checkTemporal()),
    ]);
    const worker: Check = this.worker.state() === 'RUNNING' ? 'up' : 'down';
    const checks = { database, temporal, worker };
    const ready = Object.values(checks).every((check) => check === 'up');
    return { status: ready ? 200 : 503, body: { status: ready ? 'ok' : 'down', checks } };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
