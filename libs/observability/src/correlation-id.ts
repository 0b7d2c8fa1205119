import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** Reuses a caller's X-Correlation-Id when it is well formed, otherwise makes one; echoed on the response. */
export function correlationIdFor(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers['x-correlation-id'];
  const id = typeof offered === 'string' && SAFE_ID.test(offered) ? offered : randomUUID();
  res.setHeader('X-Correlation-Id', id);
  return id;
}
