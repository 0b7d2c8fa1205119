import { performance } from 'node:perf_hooks';

export interface PoolResult {
  /** Latency of each successful operation, ms. */
  latencies: number[];
  errors: number;
  firstError?: string;
  wallMs: number;
}

/**
 * Runs `count` operations with at most `concurrency` in flight and times each one. A failed operation is
 * counted, not retried, and does not stop the run.
 */
export async function runPool(
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<void>,
  onProgress?: (done: number) => void,
): Promise<PoolResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  let done = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const begin = performance.now();
      try {
        await operation(index);
        latencies.push(performance.now() - begin);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      done += 1;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, () => lane()));
  return { latencies, errors, firstError, wallMs: performance.now() - started };
}

/** Like runPool, but each operation reports its own stage timings (e.g. submit, triage, assess). */
export async function runStagedPool<S extends string>(
  count: number,
  concurrency: number,
  operation: (index: number, mark: (stage: S) => void) => Promise<void>,
  onProgress?: (done: number) => void,
): Promise<PoolResult & { stages: Record<S, number[]> }> {
  const stages = {} as Record<S, number[]>;
  const result = await runPool(
    count,
    concurrency,
    async (index) => {
      let last = performance.now();
      const timings: [S, number][] = [];
      await operation(index, (stage) => {
        const now = performance.now();
        timings.push([stage, now - last]);
        last = now;
      });
      // Only complete lifecycles count, so every stage has the same number of samples.
      for (const [stage, ms] of timings) (stages[stage] ??= []).push(ms);
    },
    onProgress,
  );
  return { ...result, stages };
}
