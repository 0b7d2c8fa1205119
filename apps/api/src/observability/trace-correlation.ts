import type { NextFunction, Request, Response } from 'express';
import { correlationIdFor, runWithCorrelationId } from '@rocu/observability';
import { correlationIdOf } from '../common/correlation-id';

/**
 * Gives the request its correlation id (kept by the request logger and the problem responses, which read
 * `req.id`) and runs the rest of it with that id in the trace context, so every span it leads to carries it.
 * Mounted after body parsing: the parser resumes the request in the context the request arrived in.
 */
export function correlateTrace(req: Request, res: Response, next: NextFunction): void {
  const id = correlationIdOf(req) || correlationIdFor(req, res);
  (req as Request & { id: string }).id = id;
  runWithCorrelationId(id, next);
}
