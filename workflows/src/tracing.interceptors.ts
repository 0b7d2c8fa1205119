import {
  AsyncLocalStorage,
  type Headers,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

/**
 * The header `@temporalio/interceptors-opentelemetry` carries a trace context (and its baggage, the correlation
 * id) in. Pinned by a unit test against the library's own constant, which cannot be imported here: it would
 * bring OpenTelemetry into the workflow sandbox.
 */
export const TRACE_HEADER = '_tracer-data';

/** The caller's trace context in force while a workflow's code runs on behalf of that caller. */
const callerContext = new AsyncLocalStorage<Headers>();

/** What a call started here carries: the caller's trace context, unless the call already has one. */
function withCallerContext<T extends { headers: Headers }>(input: T): T {
  const context = callerContext.getStore()?.[TRACE_HEADER];
  return context && !input.headers[TRACE_HEADER]
    ? { ...input, headers: { ...input.headers, [TRACE_HEADER]: context } }
    : input;
}

/**
 * The workflow half of tracing: it makes no spans (a span in the sandbox costs the run's seeded random numbers
 * and extra yields, and the library's workflow interceptors broke the replay of Updates), it only hands the
 * trace context a run, signal or Update arrived with to the activities, child workflows and signals it leads to.
 * Their worker-side spans then join the caller's trace. Nothing here changes a command or its order, so
 * histories recorded without it replay unchanged.
 */
export const interceptors = (): WorkflowInterceptors => {
  const inbound: WorkflowInboundCallsInterceptor = {
    execute: (input, next) => callerContext.run(input.headers, () => next(input)),
    handleSignal: (input, next) => callerContext.run(input.headers, () => next(input)),
    handleUpdate: (input, next) => callerContext.run(input.headers, () => next(input)),
  };
  const outbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity: (input, next) => next(withCallerContext(input)),
    scheduleLocalActivity: (input, next) => next(withCallerContext(input)),
    startChildWorkflowExecution: (input, next) => next(withCallerContext(input)),
    signalWorkflow: (input, next) => next(withCallerContext(input)),
  };
  return { inbound: [inbound], outbound: [outbound] };
};
