import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * A span per activity run, a child of the span of the call that led to it (the workflow's interceptors pass that
 * call's trace context on in the activity's headers); its queries (pg) are children of it.
 */
export const tracingActivityInterceptor: ActivityInterceptorsFactory = (context) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(context),
  outbound: new OpenTelemetryActivityOutboundInterceptor(context),
});
