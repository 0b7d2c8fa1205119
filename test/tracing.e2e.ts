import { randomBytes } from 'node:crypto';
import { OtlpReceiver, ReceivedSpan } from './support/otlp-receiver';
import { eventually, referralBody } from './support/referral-fixtures';
import { Stack } from './support/stack';

const CORRELATION_ID = 'rocu.correlation_id';
const SERVER = 2;

/** Submits a referral under a correlation id of the test's choosing; resolves with that id. */
async function submitReferral(stack: Stack): Promise<string> {
  const correlationId = `tracing-e2e-${randomBytes(6).toString('hex')}`;
  const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
  const submitted = await stack.http.post('/referrals', referralBody(), referrer, {
    'x-correlation-id': correlationId,
  });
  if (submitted.status !== 201) throw new Error(`submission answered ${submitted.status}:\n${stack.recentLogs()}`);
  expect(submitted.headers.get('x-correlation-id')).toBe(correlationId);
  return correlationId;
}

/** The first span matching, or a failure naming what was looked for among the spans received. */
function spanWhere(spans: ReceivedSpan[], what: string, test: (span: ReceivedSpan) => boolean): ReceivedSpan {
  const found = spans.find(test);
  if (!found) throw new Error(`no ${what} among ${spans.map((span) => `${span.service} ${span.name}`).join(', ')}`);
  return found;
}

describe('tracing: one trace from the API through Temporal to the worker and Postgres', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
  });

  afterAll(() => receiver.stop());

  it('links the HTTP request, the Temporal client call, the activity the workflow runs for it and their queries, each carrying the correlation id', async () => {
    const stack = await Stack.start({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, LOG_LEVEL: 'info' } });
    try {
      const correlationId = await submitReferral(stack);
      const apiLog = await eventually(async () => requestLogLine(stack, correlationId));

      const trace = await eventually(async () => {
        const server = spanWhere(
          receiver.spans,
          'API server span',
          (span) => span.kind === SERVER && span.attributes[CORRELATION_ID] === correlationId,
        );
        const spans = receiver.spans.filter((span) => span.traceId === server.traceId);
        const activity = spanWhere(spans, 'activity run', (span) => span.name.startsWith('RunActivity:'));
        spanWhere(
          spans,
          'query in the activity',
          (span) => span.service === 'rocu-worker' && isQueryUnder(span, activity, spans),
        );
        return { server, spans };
      }, 90_000);

      const { server, spans } = trace;
      expect(server).toMatchObject({ service: 'rocu-api', name: expect.stringMatching(/^POST/) });
      const client = spanWhere(
        spans,
        'Temporal client span',
        (span) => span.name === 'UpdateWithStartWorkflow:submitReferral',
      );
      expect(client.service).toBe('rocu-api');
      // The workflow makes no spans: it passes the Update's trace context on to the activity it schedules.
      expect(spans.filter((span) => span.scope === '@temporalio/interceptor-workflow')).toEqual([]);
      const firstActivity = spanWhere(
        spans,
        "activity run under the client's span",
        (span) => span.parentSpanId === client.spanId,
      );
      expect(firstActivity).toMatchObject({ service: 'rocu-worker', name: expect.stringMatching(/^RunActivity:/) });
      expect(spans.filter((span) => span.scope === '@opentelemetry/instrumentation-pg').length).toBeGreaterThan(0);
      // Every span of the request's trace, in both services, carries its correlation id.
      expect(spans.filter((span) => span.attributes[CORRELATION_ID] !== correlationId)).toEqual([]);
      // The API's log line for the request names the same trace.
      expect(apiLog.trace_id).toBe(server.traceId);
      expect(apiLog.span_id).toMatch(/^[0-9a-f]{16}$/);

      // A search's span exports its path, never its query (a subject's name).
      const search = `tracing-e2e-${randomBytes(6).toString('hex')}`;
      const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
      await stack.http.request('GET', '/referrals?q=Kestrel', {
        token: referrer,
        headers: { 'x-correlation-id': search },
      });
      const searched = await eventually(async () =>
        spanWhere(
          receiver.spans,
          'search span',
          (span) => span.kind === SERVER && span.attributes[CORRELATION_ID] === search,
        ),
      );
      expect(JSON.stringify(searched.attributes)).not.toContain('Kestrel');
      expect(searched.attributes['http.target']).toBe('/api/v1/referrals');
    } finally {
      await stack.stop();
    }
  });

  it('exports nothing without OTEL_EXPORTER_OTLP_ENDPOINT, though spans are made and logged', async () => {
    const before = receiver.requests;
    // The exporter library's own variable is ignored: only OTEL_EXPORTER_OTLP_ENDPOINT (validated) turns export on.
    const stack = await Stack.start({
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.endpoint}/v1/traces`, LOG_LEVEL: 'info' },
    });
    try {
      const correlationId = await submitReferral(stack);
      const apiLog = await eventually(async () => requestLogLine(stack, correlationId));
      expect(apiLog.trace_id).toMatch(/^[0-9a-f]{32}$/);
      // A request's line names its method and path only: no header (the token), no query (a subject's name).
      const search = `tracing-e2e-${randomBytes(6).toString('hex')}`;
      const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
      await stack.http.request('GET', '/referrals?q=Kestrel', {
        token: referrer,
        headers: { 'x-correlation-id': search },
      });
      const searchLog = await eventually(async () => requestLogLine(stack, search));
      expect(searchLog.req).toEqual({ id: search, method: 'GET', url: '/api/v1/referrals' });
    } finally {
      // Shutting down flushes whatever an exporter would still hold.
      await stack.stop();
    }
    expect(receiver.requests).toBe(before);
  });
});

/** The API's "request completed" log line of the request with this correlation id (pino-http's `req.id`). */
function requestLogLine(stack: Stack, correlationId: string): Record<string, unknown> {
  const found = stack
    .recentLogLines()
    .find(
      (line) => line.msg === 'request completed' && (line.req as { id?: unknown } | undefined)?.id === correlationId,
    );
  if (!found) throw new Error(`no request log line for ${correlationId}`);
  return found;
}

/** Whether a span is a pg query whose ancestry (within the trace) reaches the given span. */
function isQueryUnder(span: ReceivedSpan, ancestor: ReceivedSpan, spans: ReceivedSpan[]): boolean {
  if (span.scope !== '@opentelemetry/instrumentation-pg') return false;
  const byId = new Map(spans.map((candidate) => [candidate.spanId, candidate]));
  for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) {
    if (parent.spanId === ancestor.spanId) return true;
  }
  return false;
}
