import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@rocu/config';
import {
  collectProcessMetrics,
  OpsServer,
  prometheusText,
  registerPoolMetrics,
  startOpsServer,
  tracing,
} from '@rocu/observability';

/**
 * The API's `/metrics` on its own operations port (METRICS_HOST:METRICS_PORT), never on the public port:
 * Prometheus scrapes it from inside the deployment and nobody else reaches it. Request and Update series
 * are recorded where they happen (http-metrics, update-metrics.interceptor); the pool is read at scrape.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsService.name);
  private server?: OpsServer;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    collectProcessMetrics('api');
    registerPoolMetrics(this.dataSource);
    this.server = await startOpsServer(this.config.METRICS_HOST, this.config.METRICS_PORT, {
      '/metrics': () => prometheusText(),
    });
    this.logger.log(`metrics on http://${this.config.METRICS_HOST}:${this.server.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.server?.close(), tracing().flush()]);
  }
}
