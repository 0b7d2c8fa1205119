import type { NextFunction, Request, Response } from 'express';

/** A request body body-parser could not read (bad JSON, too large, wrong charset or content encoding). */
export class UnreadableBodyError extends Error {
  constructor(
    readonly kind: string,
    readonly status: number,
  ) {
    super(`unreadable request body: ${kind}`);
  }
}

/**
 * body-parser reports every client mistake as an http-errors error: a 4xx status, `expose` set, and usually a
 * `type` (`entity.parse.failed`, `encoding.unsupported`, ...); a body that does not decode as its declared
 * Content-Encoding (bogus gzip, deflate or br) carries the zlib error with no type.
 */
const isBodyParserError = (error: unknown): error is { type?: unknown; status: number } => {
  if (typeof error !== 'object' || error === null) return false;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
};

/**
 * Express error middleware placed right after the body parser: it re-labels parser errors so the problem
 * filter can explain them (Nest would otherwise answer a bare 400 carrying the parser's message, or a 500).
 */
export function labelUnreadableBody(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  if (!isBodyParserError(error)) return next(error);
  next(new UnreadableBodyError(typeof error.type === 'string' ? error.type : 'entity.undecodable', error.status));
}
