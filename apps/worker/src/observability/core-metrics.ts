import { AppConfig } from '@rocu/config';
import { freePort } from '@rocu/observability';
import { installTemporalRuntime } from '../temporal-logging';

/**
 * Where the Temporal SDK core exports its own metrics: a free loopback port, read only by this process's
 * `/metrics` (so operators scrape one endpoint per worker).
 */
export class CoreMetrics {
  private constructor(readonly address: string) {}

  /** Installs the SDK runtime (logging and core metrics): must run before any Temporal connection is made. */
  static async install(config: AppConfig): Promise<CoreMetrics> {
    const metrics = new CoreMetrics(`127.0.0.1:${await freePort()}`);
    installTemporalRuntime(config.LOG_LEVEL, metrics.address);
    return metrics;
  }

  /** The core's series in Prometheus text; none (and a note in the text) while it cannot be read. */
  async text(): Promise<string> {
    try {
      const response = await fetch(`http://${this.address}/metrics`, { signal: AbortSignal.timeout(2_000) });
      return await response.text();
    } catch {
      return '# Temporal SDK core metrics unavailable\n';
    }
  }
}
