import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { ReferralTransitionEvent, SubmissionProjection } from '@rocu/contracts';

type WorkflowHistory = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<WorkflowHistory['events']>[number];

/** What a referral workflow asked its projection activities to write, as Temporal recorded it. */
export interface RecordedReferralEvents {
  submission: SubmissionProjection;
  /** Each transition once (a retried activity is scheduled once), in sequence order. */
  transitions: ReferralTransitionEvent[];
  /**
   * Transitions whose projection activity has not finished (still running or retrying): their history rows
   * are that activity's to write, with everything else it projects. A rebuild that wrote one would make the
   * activity find its event projected and skip the rest (assessment, plan, notifications, audit).
   */
  inFlight: Set<number>;
}

/** The id of the scheduling event an activity's closing event (completed, failed, timed out, cancelled) ends. */
function closedActivity(event: HistoryEvent): string | undefined {
  const closed =
    event.activityTaskCompletedEventAttributes ??
    event.activityTaskFailedEventAttributes ??
    event.activityTaskTimedOutEventAttributes ??
    event.activityTaskCanceledEventAttributes;
  return closed?.scheduledEventId?.toString();
}

/**
 * Reads the inputs of the projection activities the workflow scheduled from its event history: Temporal holds
 * every event the read projection was built from, so it can be built again from them.
 */
export function recordedReferralEvents(history: WorkflowHistory): RecordedReferralEvents {
  let submission: SubmissionProjection | undefined;
  const transitions = new Map<number, { transition: ReferralTransitionEvent; scheduledEventId: string }>();
  const closed = new Set<string>();
  for (const event of history.events ?? []) {
    const closes = closedActivity(event);
    if (closes !== undefined) closed.add(closes);
    const scheduled = event.activityTaskScheduledEventAttributes;
    const payload = scheduled?.input?.payloads?.[0];
    if (!scheduled || !payload) continue;
    const activity = scheduled.activityType?.name;
    if (activity === 'projectSubmission') submission ??= defaultPayloadConverter.fromPayload(payload);
    if (activity === 'projectTransition') {
      const transition = defaultPayloadConverter.fromPayload<ReferralTransitionEvent>(payload);
      transitions.set(transition.seq, { transition, scheduledEventId: String(event.eventId) });
    }
  }
  if (!submission) throw new Error('the workflow has not recorded its submission');
  const recorded = [...transitions.values()].sort((a, b) => a.transition.seq - b.transition.seq);
  return {
    submission,
    transitions: recorded.map(({ transition }) => transition),
    inFlight: new Set(
      recorded.filter(({ scheduledEventId }) => !closed.has(scheduledEventId)).map(({ transition }) => transition.seq),
    ),
  };
}
