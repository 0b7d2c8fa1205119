import { DefaultLogger, LogLevel, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { errorSerializers, traceLogFields } from '@rocu/observability';

const TEMPORAL_LEVELS: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

const PINO_LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Fields of the SDK's own lines that carry a task's payloads: an activity's input (`task`, `taskEncoded` when an
 * activity task cannot start; `start` in the trace line of each task) and a workflow activation's jobs (signal
 * and update arguments, at trace). They can hold intelligence text, so they are never written.
 */
const PAYLOAD_FIELDS = ['task', 'taskEncoded', 'start', 'jobs'] as const;
const leftOut = () => '[left out: may hold payloads]';

/** The pino logger for the SDK's lines: one JSON stream with the worker's, errors without statement values. */
export function temporalLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { context: 'temporal' },
      mixin: traceLogFields(true),
      serializers: {
        ...errorSerializers, // an activity's failure comes as `error`
        ...Object.fromEntries(PAYLOAD_FIELDS.map((field) => [field, leftOut])),
      },
    },
    destination,
  );
}

/**
 * Sends the Temporal SDK's own log lines through pino, so the worker writes one JSON log stream, and has the
 * SDK core export its worker metrics (workflow task and activity latency and failures, poll and slot
 * counts) in Prometheus format on a loopback port, which the worker's `/metrics` serves along with its own.
 */
export function installTemporalRuntime(level: string, coreMetricsAddress: string): void {
  const logger = temporalLogger(level);
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVELS[level] ?? 'INFO', (entry) => {
      logger[PINO_LEVELS[entry.level]](entry.meta ?? {}, entry.message);
    }),
    telemetryOptions: {
      metrics: { prometheus: { bindAddress: coreMetricsAddress, useSecondsForDurations: true } },
    },
  });
}
