import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { LoadResult } from './load-messages';

export interface AutocannonLoad {
  apiUrl: string;
  count: number;
  concurrency: number;
  request: autocannon.Request;
}

/**
 * Sends exactly `count` requests over `concurrency` keep-alive connections with autocannon and records
 * every response's latency itself (autocannon's summary has no p95).
 */
export function autocannonLoad(load: AutocannonLoad, onProgress: (done: number) => void): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let done = 0;
  const url = new URL(load.apiUrl);
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url: url.origin,
        connections: load.concurrency,
        amount: load.count,
        timeout: 60,
        requests: [{ ...load.request, path: `${url.pathname}${load.request.path ?? ''}` }],
      },
      (error, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const failures = result.errors + result.timeouts;
        resolvePromise({
          latencies,
          errors: errors + failures,
          firstError:
            errors > 0
              ? `non-2xx statuses: ${JSON.stringify(statuses)}`
              : failures > 0
                ? `${failures} socket errors/timeouts`
                : undefined,
          wallMs: performance.now() - started,
          statuses,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else errors += 1;
      onProgress(++done);
    });
  });
}
