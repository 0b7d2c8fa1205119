import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Context, propagation } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** Reuses a caller's X-Correlation-Id when it is well formed, otherwise makes one; echoed on the response. */
export function correlationIdFor(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers['x-correlation-id'];
  const id = typeof offered === 'string' && SAFE_ID.test(offered) ? offered : randomUUID();
  res.setHeader('X-Correlation-Id', id);
  return id;
}

/**
 * The request's correlation id travels as W3C baggage under this key (through Temporal headers into
 * workflows and activities) and is written on every span under the same name.
 */
export const CORRELATION_ID_KEY = 'rocu.correlation_id';

/** The correlation id carried by a context's baggage, if any. */
export function correlationIdIn(context: Context): string | undefined {
  return propagation.getBaggage(context)?.getEntry(CORRELATION_ID_KEY)?.value;
}

/** Labels each span, as it starts, with the correlation id of the request that caused it. */
export class CorrelationIdSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const id = correlationIdIn(parentContext);
    if (id) span.setAttribute(CORRELATION_ID_KEY, id);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
