import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import pino from 'pino';
import { correlationIdFor, loggedUrl } from '@rocu/observability';

/** Requests not worth a log line: the health probe and static files. */
const isQuiet = (path: string): boolean => path === '/health' || path.startsWith('/assets/');

/**
 * One JSON log line per page request (pino), with the request's correlation id: the caller's well-formed
 * X-Correlation-Id or a new one, echoed on the response as the API does. Written when the response
 * finishes; nothing is built for it when the level is above `info`. Done here rather than with nestjs-pino,
 * whose per-request AsyncLocalStorage turns on promise hooks that every await of every page then pays for
 * (bench web path). Cookies, headers and query strings are never logged (see loggedUrl).
 */
export function requestLogging(logger: pino.Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const correlationId = correlationIdFor(req, res);
    if (logger.isLevelEnabled('info') && !isQuiet(req.path)) {
      const started = performance.now();
      const { method, originalUrl } = req;
      res.once('close', () => {
        const entry = {
          correlationId,
          req: { method, url: loggedUrl(originalUrl) },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        };
        if (res.statusCode >= 500) logger.error(entry, 'request errored');
        else logger.info(entry, res.writableFinished ? 'request completed' : 'request aborted');
      });
    }
    next();
  };
}

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Nest's own log calls (`new Logger(Context).warn(...)`) as pino JSON lines with their context. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: pino.Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  /** Nest passes `(message, stack?, context?)`. */
  error(message: unknown, ...params: unknown[]): void {
    const stack = params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
    this.write('error', message, params, stack);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[], stack?: string): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const last = params.at(-1);
    const context = typeof last === 'string' ? last : undefined;
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}
