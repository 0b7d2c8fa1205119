import { defaultPayloadConverter } from '@temporalio/common';
import { recordedReferralEvents } from './recorded-events';

type History = Parameters<typeof recordedReferralEvents>[0];
type HistoryEvent = NonNullable<History['events']>[number];

// A server's history carries protobuf Longs (test/restore-drill.e2e.ts reads real ones); numbers read the same.
const id = (n: number) => n as unknown as NonNullable<HistoryEvent['eventId']>;
const scheduled = (eventId: number, activity: string, input: object): HistoryEvent => ({
  eventId: id(eventId),
  activityTaskScheduledEventAttributes: {
    activityType: { name: activity },
    input: { payloads: [defaultPayloadConverter.toPayload(input)] },
  },
});
const completed = (eventId: number, scheduledEventId: number): HistoryEvent => ({
  eventId: id(eventId),
  activityTaskCompletedEventAttributes: { scheduledEventId: id(scheduledEventId) },
});
const transition = (seq: number) => ({ referralId: 'r1', seq, to: 'TRIAGE' });

describe('recordedReferralEvents', () => {
  it('reads the submission and every transition in sequence order, naming those whose projection is in flight', () => {
    const history: History = {
      events: [
        scheduled(5, 'projectSubmission', { referralId: 'r1' }),
        completed(7, 5),
        scheduled(11, 'projectTransition', transition(2)),
        scheduled(9, 'projectTransition', transition(1)),
        completed(13, 9),
        { eventId: id(15), activityTaskFailedEventAttributes: { scheduledEventId: id(11) } },
        scheduled(17, 'projectTransition', transition(3)),
      ],
    };
    const recorded = recordedReferralEvents(history);
    expect(recorded.submission).toEqual({ referralId: 'r1' });
    expect(recorded.transitions.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect([...recorded.inFlight]).toEqual([3]);
  });

  it('refuses a history without the submission', () => {
    expect(() => recordedReferralEvents({ events: [scheduled(5, 'projectTransition', transition(1))] })).toThrow(
      'the workflow has not recorded its submission',
    );
  });
});
