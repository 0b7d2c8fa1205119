import type { Client, WorkflowHandle } from '@temporalio/client';
import { LatencySummary, summarize } from '../stats';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];

const SPANS = [
  'first workflow task: queue wait',
  'first workflow task: run',
  'projection activity: queue wait',
  'projection activity: run (SQL transaction)',
  'completing workflow task: wait + run',
  'engine total: started -> update completed',
] as const;
export type Span = (typeof SPANS)[number];

const timeOf = (event: HistoryEvent): number => {
  const time = event.eventTime;
  return Number(time?.seconds ?? 0) * 1000 + (time?.nanos ?? 0) / 1e6;
};

/** Where one submission's time went inside Temporal, from its event history (timestamps set by the server). */
function spansOf(history: History): Partial<Record<Span, number>> {
  const events = history.events ?? [];
  const first = (has: (event: HistoryEvent) => unknown, after = 0): HistoryEvent | undefined =>
    events.find((event) => Number(event.eventId) > after && has(event));
  const started = first((event) => event.workflowExecutionStartedEventAttributes);
  const wftScheduled = first((event) => event.workflowTaskScheduledEventAttributes);
  const wftStarted = first((event) => event.workflowTaskStartedEventAttributes);
  const wftCompleted = first((event) => event.workflowTaskCompletedEventAttributes);
  const activityScheduled = first((event) => event.activityTaskScheduledEventAttributes);
  const activityStarted = first((event) => event.activityTaskStartedEventAttributes);
  const activityCompleted = first((event) => event.activityTaskCompletedEventAttributes);
  const updateCompleted = first((event) => event.workflowExecutionUpdateCompletedEventAttributes);
  const after = activityCompleted ? Number(activityCompleted.eventId) : 0;
  const closingTask = first((event) => event.workflowTaskCompletedEventAttributes, after);
  const span = (from?: HistoryEvent, to?: HistoryEvent): number | undefined =>
    from && to ? timeOf(to) - timeOf(from) : undefined;
  return {
    'first workflow task: queue wait': span(wftScheduled, wftStarted),
    'first workflow task: run': span(wftStarted, wftCompleted),
    'projection activity: queue wait': span(activityScheduled, activityStarted),
    'projection activity: run (SQL transaction)': span(activityStarted, activityCompleted),
    'completing workflow task: wait + run': span(activityCompleted, closingTask),
    'engine total: started -> update completed': span(started, updateCompleted),
  };
}

/** Per span, the latency summary over a sample of workflows (histories fetched a few at a time). */
export async function historyBreakdown(
  client: Client,
  workflowIds: readonly string[],
): Promise<Record<Span, LatencySummary>> {
  const samples = new Map<Span, number[]>(SPANS.map((span) => [span, []]));
  for (let offset = 0; offset < workflowIds.length; offset += 8) {
    const histories = await Promise.all(
      workflowIds.slice(offset, offset + 8).map((id) => client.workflow.getHandle(id).fetchHistory()),
    );
    for (const history of histories) {
      for (const [span, ms] of Object.entries(spansOf(history)) as [Span, number | undefined][]) {
        if (ms !== undefined) samples.get(span)?.push(ms);
      }
    }
  }
  return Object.fromEntries(SPANS.map((span) => [span, summarize(samples.get(span) ?? [])])) as Record<
    Span,
    LatencySummary
  >;
}
