import type { WorkflowStartUpdateInput, WorkflowStartUpdateOutput } from '@temporalio/client';
import { register } from 'prom-client';
import { updateMetricsInterceptor } from './update-metrics.interceptor';

const input = { updateName: 'triage' } as WorkflowStartUpdateInput;
const answering = (outcome: WorkflowStartUpdateOutput['outcome']) => () =>
  Promise.resolve({ updateId: 'u', workflowRunId: 'r', outcome });

async function count(name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await register.getSingleMetric(name)?.get())?.values ?? [];
  return metric
    .filter((value) => Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}

describe('updateMetricsInterceptor', () => {
  const startUpdate = updateMetricsInterceptor.startUpdate!;

  it('counts a refusal by its type and times it as refused', async () => {
    await startUpdate(input, answering({ failure: { applicationFailureInfo: { type: 'NOT_ALLOWED_IN_STATE' } } }));
    expect(
      await count('rocu_temporal_update_refusals_total', { update: 'triage', refusal: 'NOT_ALLOWED_IN_STATE' }),
    ).toBe(1);
  });

  it('times completed, pending and failed calls apart', async () => {
    await startUpdate(input, answering({ success: {} }));
    await startUpdate(input, answering(undefined));
    await expect(startUpdate(input, () => Promise.reject(new Error('unavailable')))).rejects.toThrow('unavailable');
    const histogram = await register.getSingleMetric('rocu_temporal_update_duration_seconds')?.get();
    const counted = (outcome: string) =>
      histogram?.values.find(
        (value) =>
          (value as { metricName?: string }).metricName === 'rocu_temporal_update_duration_seconds_count' &&
          value.labels.update === 'triage' &&
          value.labels.outcome === outcome,
      )?.value;
    expect([counted('completed'), counted('pending'), counted('error'), counted('refused')]).toEqual([1, 1, 1, 1]);
  });
});
