import { collectDefaultMetrics, register } from 'prom-client';

/**
 * The process's metrics live in prom-client's default registry (one process, one service): this adds the
 * Node process metrics (CPU, memory, event-loop lag, GC) and labels every series with the service, so API
 * and worker series stay apart when scraped together.
 */
export function collectProcessMetrics(service: 'api' | 'worker'): void {
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

/** The `/metrics` answer: every registered series in the Prometheus text format, plus any `extra` text. */
export async function prometheusText(...extra: string[]): Promise<{ status: number; body: string }> {
  return { status: 200, body: [await register.metrics(), ...extra].join('\n') };
}
