// First: it makes the sandbox look enough like a browser (performance, window) for OpenTelemetry to load.
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { trace, type ProxyTracerProvider } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { WorkflowInterceptors } from '@temporalio/workflow';
import { CorrelationIdSpanProcessor } from '@rocu/contracts';

let labelled = false;

/**
 * The workflow half of tracing, bundled with every workflow (the only interceptor module in the bundle):
 * a span per workflow run, Update, signal and scheduled activity, linked to the caller's trace through
 * Temporal headers and sent out through the worker's `exporter` sink. The OpenTelemetry interceptors register
 * the sandbox's tracer provider; each of its spans is then also labelled with the correlation id that came
 * in the headers' baggage.
 */
export const interceptors = (): WorkflowInterceptors => {
  const interceptors: WorkflowInterceptors = {
    inbound: [new OpenTelemetryInboundInterceptor()],
    outbound: [new OpenTelemetryOutboundInterceptor()],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
  const provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate();
  if (!labelled && provider instanceof BasicTracerProvider) {
    provider.addSpanProcessor(new CorrelationIdSpanProcessor());
    labelled = true;
  }
  return interceptors;
};
