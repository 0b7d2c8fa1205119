import type { ReferralSnapshot, ReferralTransitionEvent, SubmissionProjection } from '@rocu/contracts';
import { referralRowState } from './referral-row';

const actor = { sub: 'a@yhrocu', name: 'An Assessor', roles: [], org: 'YHROCU', region: 'YHROCU' };
const submission = { at: '2026-12-01T09:00:00.000Z' } as SubmissionProjection;

function event(seq: number, from: string, to: string, extras: Partial<ReferralTransitionEvent> = {}) {
  return {
    workflowId: 'referral-1',
    referralId: '1',
    seq,
    at: `2026-12-0${seq + 1}T10:00:00.000Z`,
    from,
    to,
    action: 'X',
    actor,
    deadlines: [],
    pausedMs: seq * 1000,
    ...extras,
  } as ReferralTransitionEvent;
}

const snapshot = (status: string, seq: number) =>
  ({ referralId: '1', reference: 'YHROCU-2026-000001', status, seq, deadlines: [] }) as unknown as ReferralSnapshot;

describe('referralRowState', () => {
  it('is the submitted row when nothing has happened since', () => {
    expect(referralRowState(snapshot('SUBMITTED', 0), submission, [])).toMatchObject({
      reference: 'YHROCU-2026-000001',
      status: 'SUBMITTED',
      last_seq: 0,
      updated_at: submission.at,
      paused_ms: 0,
      priority: null,
    });
  });

  it('folds the transitions in order: the latest score, owner and closure stand', () => {
    const score = (priority: string, riskScore: number) =>
      ({
        score: { priority, riskScore },
        input: {},
        route: 'TTCG',
        rationale: {},
      }) as unknown as ReferralTransitionEvent['assessment'];
    const officer = (sub: string) => ({ sub, name: sub, org: 'YHROCU' });
    const row = referralRowState(snapshot('CLOSED', 5), submission, [
      event(1, 'SUBMITTED', 'ASSESSMENT'),
      event(2, 'ASSESSMENT', 'AWAITING_DECISION', { assessment: score('P3', 20) }),
      event(3, 'AWAITING_DECISION', 'ADOPTED', {
        sioAllocation: { officer: officer('sio-1') },
      } as Partial<ReferralTransitionEvent>),
      event(4, 'ADOPTED', 'ADOPTED', {
        sioAllocation: { officer: officer('sio-2') },
        assessment: score('P1', 80),
      } as Partial<ReferralTransitionEvent>),
      event(5, 'ADOPTED', 'CLOSED', { closure: { outcome: 'Charged' } }),
    ]);
    expect(row).toMatchObject({
      status: 'CLOSED',
      last_seq: 5,
      updated_at: '2026-12-06T10:00:00.000Z',
      paused_ms: 5000,
      priority: 'P1',
      risk_score: 80,
      sio_sub: 'sio-2',
      closure_outcome: 'Charged',
      closed_at: '2026-12-06T10:00:00.000Z',
      reassessment_due: true,
    });
  });

  it('takes status and sequence from the workflow even when its latest projection is not recorded yet', () => {
    const row = referralRowState(snapshot('ASSESSMENT', 1), submission, []);
    expect(row).toMatchObject({ status: 'ASSESSMENT', last_seq: 1 });
  });

  it('keeps an urgent decision pending until a meeting decides on it; a second urgent decision awaits its own', () => {
    const decided = (seq: number, from: string, to: string, meetingId?: string) =>
      event(seq, from, to, {
        taskingDecision: { decision: 'ADOPT_ROCU_LEAD', rationale: 'x', ...(meetingId ? { meetingId } : {}) },
      });
    const urgent = decided(1, 'AWAITING_DECISION', 'ADOPTED');
    expect(referralRowState(snapshot('ADOPTED', 1), submission, [urgent])).toMatchObject({
      urgent_decision: 'ADOPT_ROCU_LEAD',
      urgent_decision_at: '2026-12-02T10:00:00.000Z',
      ratified_in_meeting: null,
    });
    const ratified = decided(2, 'ADOPTED', 'ADOPTED', 'meeting-1');
    const later = decided(3, 'ADOPTED', 'ADOPTED', 'meeting-2');
    expect(referralRowState(snapshot('ADOPTED', 3), submission, [urgent, ratified, later]).ratified_in_meeting).toBe(
      'meeting-1',
    );
    const again = decided(4, 'AWAITING_DECISION', 'ADOPTED');
    expect(
      referralRowState(snapshot('ADOPTED', 4), submission, [urgent, ratified, again]).ratified_in_meeting,
    ).toBeNull();
    // A meeting's decision with no urgent one before it settles nothing.
    expect(
      referralRowState(snapshot('ADOPTED', 1), submission, [decided(1, 'AWAITING_DECISION', 'ADOPTED', 'meeting-1')])
        .ratified_in_meeting,
    ).toBeNull();
  });

  it('opens and answers the national queue', () => {
    const referred = event(1, 'ASSESSMENT', 'REFERRED_NATIONAL');
    const accepted = event(2, 'REFERRED_NATIONAL', 'REFERRED_NATIONAL', {
      national: { outcome: 'ACCEPTED', reference: 'NCA-1' },
    });
    expect(referralRowState(snapshot('REFERRED_NATIONAL', 1), submission, [referred])).toMatchObject({
      national_referred_at: referred.at,
      national_due_at: expect.any(String),
    });
    expect(referralRowState(snapshot('REFERRED_NATIONAL', 2), submission, [referred, accepted])).toMatchObject({
      national_due_at: null,
      national_reference: 'NCA-1',
      national_accepted_at: accepted.at,
    });
  });

  it('clears a stand-down once the tasking is active again (adopted anew, its plan started)', () => {
    const stoodDown = event(1, 'ACTIVE', 'DEFERRED', { standDown: { reason: 'Overturned: capacity' } });
    const owner = { sub: 'o', name: 'Officer', org: 'YHROCU' };
    const active = event(2, 'SIO_ALLOCATED', 'ACTIVE', {
      planStarted: { sio: owner, lro: owner, nextReviewDueAt: '2027-01-04T09:00:00.000Z' },
    });
    expect(referralRowState(snapshot('DEFERRED', 1), submission, [stoodDown]).closure_outcome).toBe(
      'Overturned: capacity',
    );
    expect(referralRowState(snapshot('ACTIVE', 2), submission, [stoodDown, active]).closure_outcome).toBeNull();
  });

  it('keeps the national due date the workflow recorded (a policy other than the default)', () => {
    const referred = event(1, 'ASSESSMENT', 'REFERRED_NATIONAL', { nationalDueAt: '2027-03-01T17:00:00.000Z' });
    expect(referralRowState(snapshot('REFERRED_NATIONAL', 1), submission, [referred])).toMatchObject({
      national_due_at: '2027-03-01T17:00:00.000Z',
    });
  });
});
