/** Latency summary of one measured operation (milliseconds). */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index];
}

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  const values = Array.from(sorted);
  const total = values.reduce((sum, value) => sum + value, 0);
  return {
    count: values.length,
    mean: values.length ? total / values.length : Number.NaN,
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    p99: percentile(values, 0.99),
    max: values.length ? values[values.length - 1] : Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export const ratio = (ours: number, baseline: number): number => (baseline > 0 ? ours / baseline : Number.NaN);

/** Throughput and latency of a run of operations. */
export interface ThroughputStats {
  ok: number;
  errors: number;
  firstError?: string;
  wallMs: number;
  /** Successful operations per second of wall time. */
  perSecond: number;
  latency: LatencySummary;
}

export function throughput(run: {
  latencies: readonly number[];
  errors: number;
  firstError?: string;
  wallMs: number;
}): ThroughputStats {
  return {
    ok: run.latencies.length,
    errors: run.errors,
    firstError: run.firstError,
    wallMs: run.wallMs,
    perSecond: run.wallMs > 0 ? run.latencies.length / (run.wallMs / 1000) : Number.NaN,
    latency: summarize(run.latencies),
  };
}
