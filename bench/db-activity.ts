import { Client } from 'pg';

export interface DbSample {
  /** "active: Lock/advisory: INSERT INTO audit_log" style key -> number of times seen. */
  counts: Record<string, number>;
  samples: number;
}

/**
 * A sampling profiler for Postgres: every interval it records what each application connection is doing
 * (state, wait event, start of the statement), so lock waits and hot statements show up by frequency.
 */
export async function startDbSampler(databaseUrl: string, intervalMs = 50): Promise<{ stop(): Promise<DbSample> }> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'rocu-bench-sampler' });
  await client.connect();
  const counts: Record<string, number> = {};
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ key: string }>(
        `SELECT state || ': ' || coalesce(wait_event_type || '/' || wait_event, 'on CPU') || ': ' ||
                regexp_replace(left(query, 60), '\\s+', ' ', 'g') AS key
           FROM pg_stat_activity
          WHERE application_name = 'rocu-gateway' AND state <> 'idle'`,
      );
      samples += 1;
      for (const { key } of rows) counts[key] = (counts[key] ?? 0) + 1;
      await new Promise((wake) => setTimeout(wake, intervalMs));
    }
  })().catch((error: unknown) => {
    counts[`sampler failed: ${String(error)}`] = 1;
  });
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return { counts, samples };
    },
  };
}

/** The most frequent activities, with the average number of connections seen doing each. */
export function topActivities(sample: DbSample, limit = 6): string[] {
  return Object.entries(sample.counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, count]) => `${(count / Math.max(1, sample.samples)).toFixed(2)} conns avg: ${key}`);
}
