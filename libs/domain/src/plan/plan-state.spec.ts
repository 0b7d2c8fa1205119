import type { ReviewPolicy } from './plan-policy';
import { applyPlanEvent, initialPlanState, PlanEvent, PlanState, reopenPlan } from './plan-state';
import type { PlanAction, PlanReview } from './plan-types';

/** A review every ten days, reminded halfway: cycles are worked by hand. */
const POLICY: ReviewPolicy = { every: { elapsedMs: 10 * 86_400_000 }, reminderFraction: 0.5 };
const STARTED = '2026-03-02T09:00:00.000Z';

const action = (id: string, version = 1): PlanAction => ({
  id,
  pillar: 'PURSUE',
  description: `Action ${id}`,
  ownerOrg: 'YHROCU',
  ownerName: 'DCI Ashworth',
  partners: [],
  dueAt: '2026-04-01T09:00:00.000Z',
  status: version === 1 ? 'PLANNED' : 'ACTIVE',
  version,
  createdBy: 'sio-yhrocu-1',
  createdAt: STARTED,
  updatedAt: STARTED,
});

const signature = (role: 'SIO' | 'LRO', signedAt: string) => ({
  role,
  sub: role,
  name: role,
  summary: 'Fine',
  signedAt,
});
const opened: PlanReview = {
  id: 'r1',
  openedAt: '2026-03-05T09:00:00.000Z',
  signatures: [signature('SIO', '2026-03-05T09:00:00.000Z')],
};
const completed: PlanReview = {
  ...opened,
  signatures: [...opened.signatures, signature('LRO', '2026-03-06T12:00:00.000Z')],
  completedAt: '2026-03-06T12:00:00.000Z',
};

const started = (): PlanState => initialPlanState(new Date(STARTED), POLICY);
const run = (events: PlanEvent[], from = started()): PlanState =>
  events.reduce((state, event) => applyPlanEvent(state, event, POLICY), from);

describe('initialPlanState', () => {
  it('starts open and empty, with the first cycle running from the start', () => {
    expect(started()).toEqual({
      seq: 0,
      actions: [],
      disruptions: [],
      reviews: [],
      missedReviews: [],
      cycle: { dueAt: '2026-03-12T09:00:00.000Z', remindAt: '2026-03-07T09:00:00.000Z' },
      closed: false,
    });
  });
});

describe('applyPlanEvent', () => {
  it('numbers changes one by one', () => {
    expect(run([{ type: 'NUMBERED' }, { type: 'NUMBERED' }]).seq).toBe(2);
  });

  it('adds actions in order and replaces a changed one in its place', () => {
    const state = run([
      { type: 'ACTION_ADDED', action: action('a1') },
      { type: 'ACTION_ADDED', action: action('a2') },
      { type: 'ACTION_CHANGED', action: action('a1', 2) },
    ]);
    expect(state.actions.map(({ id, version }) => [id, version])).toEqual([
      ['a1', 2],
      ['a2', 1],
    ]);
  });

  it('records disruptions in order', () => {
    const disruption = (id: string) => ({
      id,
      pillar: 'PURSUE' as const,
      significance: 'MAJOR' as const,
      description: 'Arrests',
      occurredAt: STARTED,
      recordedBy: 'sio-yhrocu-1',
      recordedAt: STARTED,
    });
    const state = run([
      { type: 'DISRUPTION_RECORDED', disruption: disruption('d1') },
      { type: 'DISRUPTION_RECORDED', disruption: disruption('d2') },
    ]);
    expect(state.disruptions.map(({ id }) => id)).toEqual(['d1', 'd2']);
  });

  it('keeps the cycle while a review is only opened, and starts the next from its completion', () => {
    const halfSigned = run([{ type: 'REVIEW_SIGNED', review: opened }]);
    expect(halfSigned.reviews).toEqual([opened]);
    expect(halfSigned.cycle).toEqual(started().cycle);

    const state = run([{ type: 'REVIEW_SIGNED', review: completed }], halfSigned);
    expect(state.reviews).toEqual([completed]);
    expect(state.cycle).toEqual({ dueAt: '2026-03-16T12:00:00.000Z', remindAt: '2026-03-11T12:00:00.000Z' });
  });

  it('notes the reminder on the running cycle', () => {
    const state = run([{ type: 'REVIEW_REMINDED', at: '2026-03-07T09:00:00.000Z' }]);
    expect(state.cycle).toEqual({
      dueAt: '2026-03-12T09:00:00.000Z',
      remindAt: '2026-03-07T09:00:00.000Z',
      remindedAt: '2026-03-07T09:00:00.000Z',
    });
  });

  it('records a missed review and runs the next cycle, unreminded, from the missed due date', () => {
    const missed = { dueAt: '2026-03-12T09:00:00.000Z', recordedAt: '2026-03-12T09:00:01.000Z' };
    const state = run([
      { type: 'REVIEW_REMINDED', at: '2026-03-07T09:00:00.000Z' },
      { type: 'REVIEW_MISSED', missed },
    ]);
    expect(state.missedReviews).toEqual([missed]);
    expect(state.cycle).toEqual({ dueAt: '2026-03-22T09:00:00.000Z', remindAt: '2026-03-17T09:00:00.000Z' });
  });

  it('closes', () => {
    expect(run([{ type: 'CLOSED' }]).closed).toBe(true);
  });

  it('leaves the state it was given unchanged', () => {
    const before = run([{ type: 'ACTION_ADDED', action: action('a1') }]);
    const copy = structuredClone(before);
    run(
      [
        { type: 'NUMBERED' },
        { type: 'ACTION_CHANGED', action: action('a1', 2) },
        { type: 'REVIEW_SIGNED', review: completed },
        { type: 'REVIEW_REMINDED', at: '2026-03-07T09:00:00.000Z' },
        { type: 'CLOSED' },
      ],
      before,
    );
    expect(before).toEqual(copy);
  });
});

describe('reopenPlan', () => {
  it('opens a closed plan again with everything it held and its numbering, the review cycle running from the new start', () => {
    const closed = run([
      { type: 'NUMBERED' },
      { type: 'ACTION_ADDED', action: action('a1') },
      { type: 'REVIEW_REMINDED', at: '2026-03-07T09:00:00.000Z' },
      { type: 'CLOSED' },
    ]);
    expect(reopenPlan(closed, new Date('2026-05-04T10:00:00.000Z'), POLICY)).toEqual({
      seq: 1,
      actions: [action('a1')],
      disruptions: [],
      reviews: [],
      missedReviews: [],
      // Ten days on, reminded halfway (worked by hand); the old cycle's reminder is gone with it.
      cycle: { dueAt: '2026-05-14T10:00:00.000Z', remindAt: '2026-05-09T10:00:00.000Z' },
      closed: false,
    });
  });
});
