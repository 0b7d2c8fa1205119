import type { NextFunction, Request, Response } from 'express';

/** A request body body-parser could not read (bad JSON, too large, wrong charset). */
export class UnreadableBodyError extends Error {
  constructor(
    readonly kind: string,
    readonly status: number,
  ) {
    super(`unreadable request body: ${kind}`);
  }
}

const isBodyParserError = (error: unknown): error is { type: string; status: number } =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { type?: unknown }).type === 'string' &&
  (error as { type: string }).type.startsWith('entity.') &&
  typeof (error as { status?: unknown }).status === 'number';

/**
 * Express error middleware placed right after the body parser: it re-labels parser errors so the problem
 * filter can explain them (Nest would otherwise turn them into a bare 400 carrying the parser's message).
 */
export function labelUnreadableBody(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  next(isBodyParserError(error) ? new UnreadableBodyError(error.type, error.status) : error);
}
