import type { WorkflowClientInterceptor, WorkflowStartUpdateOutput } from '@temporalio/client';
import { Counter, Histogram } from 'prom-client';

const updateDuration = new Histogram({
  name: 'rocu_temporal_update_duration_seconds',
  help: "People's actions sent to workflows as Temporal Updates, by Update name and outcome (completed, refused, pending, error)",
  labelNames: ['update', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

const updateRefusals = new Counter({
  name: 'rocu_temporal_update_refusals_total',
  help: 'Updates the workflow refused (validator or handler), by Update name and refusal type',
  labelNames: ['update', 'refusal'] as const,
});

type Outcome = WorkflowStartUpdateOutput['outcome'];

/** Records one Update; an outcome not yet known when the call returns (the client then polls) is "pending". */
async function timed<T>(update: string, send: () => Promise<T>, outcomeOf: (output: T) => Outcome): Promise<T> {
  const stop = updateDuration.startTimer({ update });
  try {
    const output = await send();
    const outcome = outcomeOf(output);
    if (outcome?.failure) {
      stop({ outcome: 'refused' });
      updateRefusals.inc({ update, refusal: outcome.failure.applicationFailureInfo?.type ?? 'FAILED' });
    } else stop({ outcome: outcome?.success ? 'completed' : 'pending' });
    return output;
  } catch (error) {
    stop({ outcome: 'error' });
    throw error;
  }
}

/** Client interceptor timing every Update (and update-with-start) the API sends, with its refusals. */
export const updateMetricsInterceptor: WorkflowClientInterceptor = {
  startUpdate: (input, next) =>
    timed(
      input.updateName,
      () => next(input),
      (output) => output.outcome,
    ),
  startUpdateWithStart: (input, next) =>
    timed(
      input.updateName,
      () => next(input),
      (output) => output.updateOutcome,
    ),
};
