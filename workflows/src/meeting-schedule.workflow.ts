import {
  condition,
  continueAsNew,
  ParentClosePolicy,
  patched,
  setHandler,
  sleep,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import { ScheduledMeeting, upcomingMeetings } from '@rocu/domain';
import {
  meetingRecurrenceSignal,
  meetingWorkflowId,
  type MeetingRecurrence,
  type MeetingScheduleInput,
} from '@rocu/contracts';
import { meetingWorkflow } from './meeting.workflow';

/**
 * The schedule takes the region's new settings by signal and fills the horizon after the meetings already
 * created; runs started before keep counting the horizon from now with their first recurrence.
 */
export const MEETING_RECURRENCE_PATCH = 'meeting-recurrence-signal';

/** Rounds of creating meetings before the history is restarted (continue-as-new keeps it bounded). */
const ROUNDS_PER_RUN = 50;

/** The next meetings strictly after `from`; an interval counts from a fixed anchor so times never drift. */
function upcoming(recurrence: MeetingRecurrence, anchor: number, from: Date, count: number): ScheduledMeeting[] {
  if (recurrence.kind === 'CALENDAR') return upcomingMeetings(recurrence.policy, from, count);
  const first = Math.floor((from.getTime() - anchor) / recurrence.everyMs) + 1;
  return Array.from({ length: count }, (_, index) => {
    const scheduledFor = new Date(anchor + (first + index) * recurrence.everyMs);
    return { scheduledFor, papersCloseAt: new Date(scheduledFor.getTime() - recurrence.papersCloseBeforeMs) };
  });
}

/**
 * Keeps a region's next meetings created ahead of time according to its cadence: each meeting is its own
 * workflow (started as an abandoned child, so it outlives this schedule's runs). Durable timers wake the
 * schedule when a meeting falls due; a restart of the worker or server loses nothing.
 */
export async function meetingScheduleWorkflow(input: MeetingScheduleInput): Promise<void> {
  const created = new Set(input.created ?? []);
  const anchor = input.anchor ?? new Date(Date.now()).toISOString();
  const followsSettings = patched(MEETING_RECURRENCE_PATCH);
  let recurrence = input.recurrence;
  let recurrenceChanged = false;
  let settings = input.settings;
  setHandler(meetingRecurrenceSignal, (change) => {
    recurrence = change.recurrence;
    settings = change.settings;
    recurrenceChanged = true;
  });
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    const now = new Date(Date.now());
    recurrenceChanged = false;
    // Meetings already created stay; new ones follow the current recurrence, after the last of them.
    const ahead = followsSettings ? [...created].map(Date.parse).filter((time) => time > now.getTime()) : [];
    const next = followsSettings
      ? upcoming(
          recurrence,
          Date.parse(anchor),
          new Date(Math.max(now.getTime(), ...ahead)),
          Math.max(0, input.horizon - ahead.length),
        )
      : upcoming(input.recurrence, Date.parse(anchor), now, input.horizon);
    for (const meeting of next) {
      const key = meeting.scheduledFor.toISOString();
      if (created.has(key)) continue;
      const meetingId = uuid4();
      await startChild(meetingWorkflow, {
        workflowId: meetingWorkflowId(meetingId),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            meetingId,
            region: input.region,
            type: input.type,
            scheduledFor: key,
            papersCloseAt: meeting.papersCloseAt.toISOString(),
            ...(settings ? { settings } : {}),
          },
        ],
      });
      created.add(key);
    }
    // Wake when the earliest of these meetings is held; the next round then creates the one after.
    const earliest = Math.min(...ahead, ...next.map((meeting) => meeting.scheduledFor.getTime()));
    const wait = Math.max(earliest - Date.now(), 1_000);
    if (followsSettings) await condition(() => recurrenceChanged, wait);
    else await sleep(wait);
  }
  const stillAhead = [...created].filter((time) => new Date(time).getTime() > Date.now());
  await continueAsNew<typeof meetingScheduleWorkflow>({ ...input, recurrence, settings, created: stillAhead, anchor });
}
