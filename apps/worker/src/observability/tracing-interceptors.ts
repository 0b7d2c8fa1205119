import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import { tracing } from '@rocu/observability';

/** A span per activity run, a child of the workflow's scheduling span; its queries (pg) are children of it. */
export const tracingActivityInterceptor: ActivityInterceptorsFactory = (context) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(context),
  outbound: new OpenTelemetryActivityOutboundInterceptor(context),
});

/** Carries the spans workflows make in their sandbox out to the process's span processor (and exporter). */
export function workflowSpanSinks(): InjectedSinks<OpenTelemetrySinks> {
  const { spanProcessor, resource } = tracing();
  return { exporter: makeWorkflowExporter(spanProcessor, resource) };
}
