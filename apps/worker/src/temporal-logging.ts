import { DefaultLogger, LogLevel, Runtime } from '@temporalio/worker';
import pino from 'pino';

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

/** Sends the Temporal SDK's own log lines through pino, so the worker writes one JSON log stream. */
export function installTemporalLogging(level: string): void {
  const logger = pino({ level, base: { context: 'temporal' } });
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVELS[level] ?? 'INFO', (entry) => {
      logger[PINO_LEVELS[entry.level]](entry.meta ?? {}, entry.message);
    }),
  });
}
