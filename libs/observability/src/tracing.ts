import { context, propagation, Span, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, NoopSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { CORRELATION_ID_KEY, CorrelationIdSpanProcessor, correlationIdIn } from './correlation-id';
import { loggedUrl } from './logged-url';

/** The process's tracing, as its shutdown sees it. */
export interface Tracing {
  /** Sends the spans still batched (on shutdown). */
  flush(): Promise<void>;
}

/** Probes and scrapes are not worth a trace each. */
const UNTRACED_PATHS = /^\/(api\/v1\/health|health|metrics)(\/|\?|$)/;

let current: Tracing | undefined;

/**
 * Starts OpenTelemetry for the process: HTTP requests (server side, named by route) and pg queries are traced, the
 * context travels by W3C trace context and baggage, and each span carries the correlation id of the request
 * behind it. Spans are always made (their ids go in every log line); they are exported, as OTLP/HTTP JSON,
 * only when an endpoint is given. Must run before http and pg are first loaded (see each app's
 * `tracing.ts`, imported first by its main.ts).
 */
export function startTracing(service: 'api' | 'worker', otlpEndpoint: string | undefined): Tracing {
  const resource = Resource.default().merge(new Resource({ 'service.name': `rocu-${service}` }));
  const spanProcessor = otlpEndpoint
    ? new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(otlpEndpoint) }))
    : new NoopSpanProcessor();
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new CorrelationIdSpanProcessor(), spanProcessor],
  });
  provider.register(); // AsyncLocalStorage context; W3C trace context and baggage propagation
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        disableOutgoingRequestInstrumentation: true,
        applyCustomAttributesOnSpan: (span, request) => {
          withoutQuery(span, request);
          nameByRoute(span, request);
        },
      }),
      // Only queries made on behalf of something traced (a request, an activity), not the pool's own upkeep.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  current = { flush: () => provider.forceFlush() };
  return current;
}

/** When startTracing has not run (a service built in-process by a test) there is nothing to flush. */
const UNTRACED: Tracing = { flush: () => Promise.resolve() };

/** The tracing startTracing started, for the flush at shutdown. */
export function tracing(): Tracing {
  return current ?? UNTRACED;
}

/**
 * A server span's address attributes without the query string, which can carry what a trace must not export (a
 * search by a subject's name, an OpenID Connect code): as the log lines do (loggedUrl).
 */
function withoutQuery(span: Span, request: object): void {
  const { url, headers } = request as { url?: string; headers?: { host?: string } };
  if (url === undefined || !url.includes('?')) return;
  span.setAttribute('http.target', loggedUrl(url));
  span.setAttribute('http.url', `http://${headers?.host ?? 'localhost'}${loggedUrl(url)}`);
}

/**
 * Names a server span by the Express route template it matched (`POST /api/v1/referrals/:id/triage`), never
 * the raw path. (The Express instrumentation of the OpenTelemetry 1.x line, which the Temporal interceptors
 * need, does not support Express 5.)
 */
function nameByRoute(span: Span, request: object): void {
  const route = (request as { route?: { path?: unknown } }).route?.path;
  if (typeof route !== 'string') return;
  span.setAttribute('http.route', route);
  span.updateName(`${(request as { method?: string }).method ?? 'GET'} ${route}`);
}

/** The standard OTLP rule: the traces path is appended to the general endpoint. */
function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Runs `rest` (the remainder of a request) with its correlation id as the only baggage, so every span it
 * causes, in this process and through Temporal in the worker, carries the id; also labels the request's own
 * server span. A caller's baggage header is dropped rather than carried into workflows.
 */
export function runWithCorrelationId<T>(correlationId: string, rest: () => T): T {
  trace.getActiveSpan()?.setAttribute(CORRELATION_ID_KEY, correlationId);
  const baggage = propagation.createBaggage({ [CORRELATION_ID_KEY]: { value: correlationId } });
  return context.with(propagation.setBaggage(context.active(), baggage), rest);
}

/**
 * A pino `mixin`: the active span's trace and span ids (the names the Temporal SDK logs them under) and,
 * where the logger does not add it itself, the correlation id, so a log line leads to its trace.
 */
export function traceLogFields(withCorrelationId: boolean): () => Record<string, string> {
  return () => {
    const span = trace.getActiveSpan();
    if (!span) return {};
    const { traceId, spanId } = span.spanContext();
    const fields: Record<string, string> = { trace_id: traceId, span_id: spanId };
    const correlationId = withCorrelationId ? correlationIdIn(context.active()) : undefined;
    if (correlationId) fields.correlationId = correlationId;
    return fields;
  };
}
