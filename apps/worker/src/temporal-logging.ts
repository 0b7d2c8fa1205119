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
 * Sends the Temporal SDK's own log lines through pino, so the worker writes one JSON log stream, and has the
 * SDK core export its worker metrics (workflow task and activity latency and failures, poll and slot
 * counts) in Prometheus format on a loopback port, which the worker's `/metrics` serves along with its own.
 */
export function installTemporalRuntime(level: string, coreMetricsAddress: string): void {
  const logger = pino({
    level,
    base: { context: 'temporal' },
    mixin: traceLogFields(true),
    serializers: errorSerializers, // an activity's failure comes as `error`
  });
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVELS[level] ?? 'INFO', (entry) => {
      logger[PINO_LEVELS[entry.level]](entry.meta ?? {}, entry.message);
    }),
    telemetryOptions: {
      metrics: { prometheus: { bindAddress: coreMetricsAddress, useSecondsForDurations: true } },
    },
  });
}
