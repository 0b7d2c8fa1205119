// First: it makes the sandbox look enough like a browser (performance, window) for OpenTelemetry to load.
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { trace, type ProxyTracerProvider } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import {
  patched,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { CorrelationIdSpanProcessor } from '@rocu/contracts';

/**
 * Span ids come from the workflow's seeded random numbers, so tracing a run that began untraced would shift
 * every later `uuid4()` and break its replay: only runs that started with this patch are traced.
 */
export const TRACING_PATCH = 'opentelemetry-tracing';

let labelled = false;

/** Each of the interceptor's methods, run only once the run is known to be traced (otherwise straight on). */
function whenTraced<T extends object>(interceptor: T, traced: () => boolean): T {
  return new Proxy(interceptor, {
    get(target, name, receiver) {
      const method: unknown = Reflect.get(target, name, receiver);
      if (typeof method !== 'function') return method;
      return (input: unknown, next: (input: unknown) => unknown) =>
        traced() ? (method as (input: unknown, next: unknown) => unknown).call(target, input, next) : next(input);
    },
  });
}

/**
 * The workflow half of tracing, bundled with every workflow (the only interceptor module in the bundle):
 * a span per workflow run, Update, signal and scheduled activity, linked to the caller's trace through
 * Temporal headers and sent out through the worker's `exporter` sink. The OpenTelemetry interceptors register
 * the sandbox's tracer provider; each of its spans is then also labelled with the correlation id that came
 * in the headers' baggage.
 */
export const interceptors = (): WorkflowInterceptors => {
  let traced = false;
  const isTraced = () => traced;
  const inbound = new OpenTelemetryInboundInterceptor();
  const tracedInbound = whenTraced<WorkflowInboundCallsInterceptor>(inbound, isTraced);
  const interceptors: WorkflowInterceptors = {
    inbound: [
      // The run's start comes before any Update or signal it is started with: the decision is made there.
      Object.assign(Object.create(tracedInbound) as WorkflowInboundCallsInterceptor, {
        execute: (...[input, next]: Parameters<NonNullable<WorkflowInboundCallsInterceptor['execute']>>) => {
          traced = patched(TRACING_PATCH);
          return traced ? inbound.execute(input, next) : next(input);
        },
      }),
    ],
    outbound: [whenTraced<WorkflowOutboundCallsInterceptor>(new OpenTelemetryOutboundInterceptor(), isTraced)],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
  const provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate();
  if (!labelled && provider instanceof BasicTracerProvider) {
    provider.addSpanProcessor(new CorrelationIdSpanProcessor());
    labelled = true;
  }
  return interceptors;
};
