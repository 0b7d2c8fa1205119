// Imported first by main.ts: OpenTelemetry hooks http and pg as they load, so it starts before them.
import { otlpEndpointOf } from '@rocu/config';
import { startTracing } from '@rocu/observability';

startTracing('worker', otlpEndpointOf(process.env));
