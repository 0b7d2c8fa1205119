/**
 * Dynamic config for every Temporal this project runs: the dev server (`npm start`, tests, bench), the
 * cluster on Postgres, and docker-compose (deploy/temporal/dynamicconfig.yaml holds the same values; a spec
 * checks it).
 *
 * - `history.transferProcessorMaxPollRPS`: the history service reads each shard's transfer queue (every
 *   workflow and activity task on its way to matching) at most this often. At Temporal's default of 20 a
 *   second, a workflow step's two or three hops each waited 30-45 ms on the limiter once a shard carried
 *   about seven steps a second (bench/README.md, "Engine hops"). 1,000 takes that wait away; the reads
 *   it allows still come only when tasks are written.
 * - `limit.maxIDLength`: Temporal's development value; references and idempotency keys fit well within it.
 */
export const TEMPORAL_DYNAMIC_CONFIG: Readonly<Record<string, number>> = {
  'history.transferProcessorMaxPollRPS': 1000,
  'limit.maxIDLength': 255,
};

/** As the server's dynamic config file reads it (JSON is YAML): each key's value, for every namespace. */
export function dynamicConfigFile(): Record<string, { value: number; constraints: object }[]> {
  return Object.fromEntries(
    Object.entries(TEMPORAL_DYNAMIC_CONFIG).map(([key, value]) => [key, [{ value, constraints: {} }]]),
  );
}

/** As the CLI's dev server takes it on its command line. */
export function dynamicConfigArgs(): string[] {
  return Object.entries(TEMPORAL_DYNAMIC_CONFIG).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${JSON.stringify(value)}`,
  ]);
}
