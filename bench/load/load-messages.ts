/** What the bench asks the separate load process to do. */
export type LoadJob =
  | { kind: 'submit'; apiUrl: string; referrerTokens: string[]; count: number; concurrency: number }
  | {
      kind: 'lifecycle';
      apiUrl: string;
      pairs: { force: string; region: string; referrer: string; assessor: string; chair: string; manager: string }[];
      count: number;
      concurrency: number;
    }
  | { kind: 'get'; apiUrl: string; path: string; token: string; count: number; concurrency: number };

export interface LoadResult {
  /** Latency of each successful (2xx) request or lifecycle, ms. */
  latencies: number[];
  errors: number;
  firstError?: string;
  wallMs: number;
  /** HTTP status -> count. */
  statuses: Record<string, number>;
  /** Lifecycle only: stage -> latencies. */
  stages?: Record<string, number[]>;
}

export type LoadMessage =
  { type: 'progress'; done: number } | { type: 'result'; result: LoadResult } | { type: 'failed'; message: string };
