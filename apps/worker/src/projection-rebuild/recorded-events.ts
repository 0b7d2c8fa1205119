import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { ReferralTransitionEvent, SubmissionProjection } from '@rocu/contracts';

type WorkflowHistory = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/** What a referral workflow asked its projection activities to write, as Temporal recorded it. */
export interface RecordedReferralEvents {
  submission: SubmissionProjection;
  /** Each transition once (a retried activity is scheduled once), in sequence order. */
  transitions: ReferralTransitionEvent[];
}

/**
 * Reads the inputs of the projection activities the workflow scheduled from its event history: Temporal holds
 * every event the read projection was built from, so it can be built again from them.
 */
export function recordedReferralEvents(history: WorkflowHistory): RecordedReferralEvents {
  let submission: SubmissionProjection | undefined;
  const transitions = new Map<number, ReferralTransitionEvent>();
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    const payload = scheduled?.input?.payloads?.[0];
    if (!scheduled || !payload) continue;
    const activity = scheduled.activityType?.name;
    if (activity === 'projectSubmission') submission ??= defaultPayloadConverter.fromPayload(payload);
    if (activity === 'projectTransition') {
      const transition = defaultPayloadConverter.fromPayload<ReferralTransitionEvent>(payload);
      transitions.set(transition.seq, transition);
    }
  }
  if (!submission) throw new Error('the workflow has not recorded its submission');
  return { submission, transitions: [...transitions.values()].sort((a, b) => a.seq - b.seq) };
}
