import { TRACE_HEADER as LIBRARY_TRACE_HEADER } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import { TRACE_HEADER } from '../src/tracing.interceptors';

describe('workflow tracing interceptors', () => {
  it('pass the trace context on under the header the OpenTelemetry interceptors read it from', () => {
    expect(TRACE_HEADER).toBe(LIBRARY_TRACE_HEADER);
  });
});
