import { workingTimeBetween } from '../calendar/working-time';
import type { StagePolicy } from '../deadlines/deadline-policy';
import type { ReferralStatus } from './referral-status';
import type { ReferralEvent } from './referral-transitions';
import {
  applyReferralEvent,
  initialReferralState,
  isDecisionAgain,
  isReadoption,
  noteReferralFact,
  ReferralState,
  ReferralStateSettings,
} from './referral-state';

/** The NCA answers within a second, reminded at half of it: due and reminder times are worked by hand. */
const NATIONAL_RESPONSE: StagePolicy = { due: { elapsedMs: 1000 }, reminderFraction: 0.5 };
const SETTINGS: ReferralStateSettings = {
  workingTime: true,
  pauseSurvivesStays: true,
  clockStartsAt: null,
  decisionClock: false,
  nationalResponse: NATIONAL_RESPONSE,
};
const HOUR = 3_600_000;

const TRIAGE_ACCEPT: ReferralEvent = { type: 'TRIAGE', decision: 'ACCEPT' };
const REQUEST_INFO: ReferralEvent = { type: 'TRIAGE', decision: 'REQUEST_INFO' };
const PROVIDE_INFORMATION: ReferralEvent = { type: 'PROVIDE_INFORMATION' };
const PARTNER_CHECK: ReferralEvent = { type: 'RECORD_PARTNER_CHECK' };
const ASSESS_TTCG: ReferralEvent = { type: 'ASSESS', route: 'TTCG' };
const ASSESS_NATIONAL: ReferralEvent = { type: 'ASSESS', route: 'REFER_NATIONAL' };
const ADOPT: ReferralEvent = { type: 'DECIDE', decision: 'ADOPT_ROCU_LEAD' };
const DEFER: ReferralEvent = { type: 'DECIDE', decision: 'DEFER' };
const DECIDE_NATIONAL: ReferralEvent = { type: 'DECIDE', decision: 'REFER_NATIONAL' };
const OVERTURN_TO_DEFER: ReferralEvent = { type: 'RATIFICATION', outcome: 'OVERTURN', decision: 'DEFER' };
const WITHDRAW: ReferralEvent = { type: 'WITHDRAW' };

type Step = [event: ReferralEvent, to: ReferralStatus, at: string];

/** Awaiting a decision from 10:00 on 2 March, adopted urgently at 11:00, overturned to deferral the next day. */
const ADOPTED_THEN_OVERTURNED: Step[] = [
  [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T09:00:00Z'],
  [ASSESS_TTCG, 'AWAITING_DECISION', '2026-03-02T10:00:00Z'],
  [ADOPT, 'ADOPTED', '2026-03-02T11:00:00Z'],
  [OVERTURN_TO_DEFER, 'DEFERRED', '2026-03-03T11:00:00Z'],
];

/** Applies accepted transitions in turn, as the workflow does after transition() has allowed each. */
function run(steps: Step[], settings = SETTINGS, from = initialReferralState()): ReferralState {
  return steps.reduce(
    (state, [event, to, at]) => applyReferralEvent(state, event, new Date(at), { ...settings, to }),
    from,
  );
}

describe('initialReferralState', () => {
  it('starts submitted, unpaused, with no stage done and nothing pending', () => {
    const state = initialReferralState();
    expect(state).toMatchObject({
      status: 'SUBMITTED',
      seq: 0,
      pausedMs: 0,
      pausedWorkingMs: 0,
      pausedSince: null,
      adoptedAt: null,
      awaitingSince: null,
      reassessmentDue: false,
      urgentDecisionPending: false,
      nationalPending: false,
      nationalReturnTo: 'AWAITING_DECISION',
      nationalRound: 0,
      nationalDue: null,
    });
    expect([...state.completed]).toEqual([]);
    expect([...state.reminded]).toEqual([]);
    expect([...state.escalated]).toEqual([]);
  });
});

describe('applyReferralEvent', () => {
  it('moves to the status the rule check gave and numbers each transition', () => {
    const state = run([
      [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T09:00:00Z'],
      [ASSESS_TTCG, 'AWAITING_DECISION', '2026-03-02T10:00:00Z'],
    ]);
    expect(state.status).toBe('AWAITING_DECISION');
    expect(state.seq).toBe(2);
  });

  it('leaves the state it was given unchanged', () => {
    const before = run([[TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T09:00:00Z']]);
    const completed = [...before.completed];
    run([[ASSESS_NATIONAL, 'REFERRED_NATIONAL', '2026-03-02T10:00:00Z']], SETTINGS, before);
    expect(before.status).toBe('ASSESSMENT');
    expect(before.seq).toBe(1);
    expect(before.nationalPending).toBe(false);
    expect([...before.completed]).toEqual(completed);
  });

  describe('the INFO_REQUESTED pause', () => {
    // Friday 6 March 2026 16:00 (GMT) to Monday 9 March 10:00: 66 hours on the clock; in working time the
    // last 8 hours of Friday and the first 10 of Monday, 18 hours (the weekend counts nothing).
    const paused: Step[] = [
      [REQUEST_INFO, 'INFO_REQUESTED', '2026-03-06T16:00:00Z'],
      [PROVIDE_INFORMATION, 'TRIAGE', '2026-03-09T10:00:00Z'],
    ];

    it('starts when information is requested', () => {
      const state = run(paused.slice(0, 1));
      expect(state.pausedSince).toEqual(new Date('2026-03-06T16:00:00Z'));
      expect(state.pausedMs).toBe(0);
    });

    it('adds the time paused, on the clock and in working time, when the information arrives', () => {
      const state = run(paused);
      expect(state.pausedMs).toBe(66 * HOUR);
      expect(state.pausedWorkingMs).toBe(18 * HOUR);
      expect(state.pausedSince).toBeNull();
    });

    it('counts no working time for referrals that keep the calendar rule', () => {
      const state = run(paused, { ...SETTINGS, workingTime: false });
      expect(state.pausedMs).toBe(66 * HOUR);
      expect(state.pausedWorkingMs).toBe(0);
    });

    it('adds up over several pauses', () => {
      const state = run([
        ...paused,
        // Tuesday 10 March 09:00 to 11:30: two and a half hours on both clocks.
        [REQUEST_INFO, 'INFO_REQUESTED', '2026-03-10T09:00:00Z'],
        [PROVIDE_INFORMATION, 'TRIAGE', '2026-03-10T11:30:00Z'],
      ]);
      expect(state.pausedMs).toBe(68.5 * HOUR);
      expect(state.pausedWorkingMs).toBe(20.5 * HOUR);
    });

    const checkedWhilePaused: Step[] = [
      paused[0],
      [PARTNER_CHECK, 'INFO_REQUESTED', '2026-03-07T12:00:00Z'],
      [PROVIDE_INFORMATION, 'TRIAGE', '2026-03-09T10:00:00Z'],
    ];

    it('keeps running through a partner check recorded while paused', () => {
      expect(run(checkedWhilePaused.slice(0, 2)).pausedSince).toEqual(new Date('2026-03-06T16:00:00Z'));
      const state = run(checkedWhilePaused);
      expect(state.pausedMs).toBe(66 * HOUR);
      expect(state.pausedWorkingMs).toBe(18 * HOUR);
      expect(state.pausedSince).toBeNull();
    });

    // Arrived Saturday 7 March 2026: the working-day clock starts on Monday 9 March at 09:00. Paused from
    // Saturday 14:00 to Monday 10:00: 44 hours on the clock, of which the clock was running for one.
    const arrivedAtWeekend = { ...SETTINGS, clockStartsAt: new Date('2026-03-09T09:00:00Z') };
    const pausedAtWeekend: Step[] = [
      [REQUEST_INFO, 'INFO_REQUESTED', '2026-03-07T14:00:00Z'],
      [PROVIDE_INFORMATION, 'TRIAGE', '2026-03-09T10:00:00Z'],
    ];

    it('gives back only the working time after the clock started, for work that arrived at a weekend', () => {
      const state = run(pausedAtWeekend, arrivedAtWeekend);
      expect(state.pausedMs).toBe(44 * HOUR);
      expect(state.pausedWorkingMs).toBe(1 * HOUR);
      // A pause after the start counts from the pause, as before.
      const afterStart: Step[] = [
        [REQUEST_INFO, 'INFO_REQUESTED', '2026-03-09T11:00:00Z'],
        [PROVIDE_INFORMATION, 'TRIAGE', '2026-03-09T13:30:00Z'],
      ];
      expect(run(afterStart, arrivedAtWeekend).pausedWorkingMs).toBe(2.5 * HOUR);
      // Referrals started before this rule give back Monday from midnight: 10 hours.
      expect(run(pausedAtWeekend).pausedWorkingMs).toBe(10 * HOUR);
    });

    it('is closed, without counting it, by such a check for referrals started before that was fixed', () => {
      const state = run(checkedWhilePaused, { ...SETTINGS, pauseSurvivesStays: false });
      expect(state.pausedMs).toBe(0);
      expect(state.pausedWorkingMs).toBe(0);
      expect(state.pausedSince).toBeNull();
    });
  });

  describe('completed stages', () => {
    it('completes a stage when a decision moves the referral out of it, not while it stays in it', () => {
      const requested = run([[REQUEST_INFO, 'INFO_REQUESTED', '2026-03-02T09:00:00Z']]);
      expect([...requested.completed]).toEqual([]);
      const state = run(
        [
          [PROVIDE_INFORMATION, 'TRIAGE', '2026-03-02T10:00:00Z'],
          [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T11:00:00Z'],
          [ASSESS_TTCG, 'AWAITING_DECISION', '2026-03-02T12:00:00Z'],
          [ADOPT, 'ADOPTED', '2026-03-03T12:00:00Z'],
          [{ type: 'ALLOCATE_SIO' }, 'SIO_ALLOCATED', '2026-03-04T12:00:00Z'],
        ],
        SETTINGS,
        requested,
      );
      expect([...state.completed]).toEqual(['TRIAGE', 'ASSESSMENT', 'ALLOCATION']);
    });

    it('completes the decision stage only for a referral with a decision clock', () => {
      const steps: Step[] = [
        [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T09:00:00Z'],
        [ASSESS_TTCG, 'AWAITING_DECISION', '2026-03-02T10:00:00Z'],
        [DEFER, 'DEFERRED', '2026-03-02T11:00:00Z'],
      ];
      expect([...run(steps).completed]).toEqual(['TRIAGE', 'ASSESSMENT']);
      expect([...run(steps, { ...SETTINGS, decisionClock: true }).completed]).toEqual([
        'TRIAGE',
        'ASSESSMENT',
        'DECISION',
      ]);
    });

    it('cancels rather than completes the stage a withdrawal leaves', () => {
      const state = run([
        [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T09:00:00Z'],
        [WITHDRAW, 'WITHDRAWN', '2026-03-02T10:00:00Z'],
      ]);
      expect([...state.completed]).toEqual(['TRIAGE']);
    });

    it('cancels rather than completes the allocation stage an overturn leaves', () => {
      const state = run(ADOPTED_THEN_OVERTURNED);
      expect([...state.completed]).toEqual(['TRIAGE', 'ASSESSMENT']);
    });
  });

  it('sets when it was first adopted and first awaited a decision, once', () => {
    const state = run([
      ...ADOPTED_THEN_OVERTURNED,
      [ASSESS_TTCG, 'DEFERRED', '2026-03-04T11:00:00Z'],
      [ADOPT, 'ADOPTED', '2026-03-05T11:00:00Z'],
    ]);
    expect(state.awaitingSince).toEqual(new Date('2026-03-02T10:00:00Z'));
    expect(state.adoptedAt).toEqual(new Date('2026-03-02T11:00:00Z'));
  });

  describe('adopted again after an overturn stood the tasking down', () => {
    /** Adopted at 11:00, its SIO allocated late (reminded and escalated), overturned to deferral the next day. */
    const stoodDown = (): ReferralState => {
      const allocatedLate = run([
        ...ADOPTED_THEN_OVERTURNED.slice(0, 3),
        [{ type: 'ALLOCATE_SIO' }, 'SIO_ALLOCATED', '2026-03-03T09:00:00Z'],
      ]);
      const told = (['REMINDER', 'ESCALATION'] as const).reduce(
        (state, kind) =>
          noteReferralFact(state, { type: 'DEADLINE_NOTIFIED', kind, stage: 'ALLOCATION', at: '2026-03-03T08:00:00Z' }),
        allocatedLate,
      );
      return run([[OVERTURN_TO_DEFER, 'DEFERRED', '2026-03-04T11:00:00Z']], SETTINGS, told);
    };

    it('is a re-adoption only once adopted before, and only from outside a live tasking', () => {
      expect(isReadoption(stoodDown(), 'ADOPTED')).toBe(true);
      expect(isReadoption(stoodDown(), 'DECLINED')).toBe(false);
      expect(isReadoption(run(ADOPTED_THEN_OVERTURNED.slice(0, 2)), 'ADOPTED')).toBe(false); // first adoption
      expect(isReadoption(run(ADOPTED_THEN_OVERTURNED.slice(0, 3)), 'ADOPTED')).toBe(false); // still live
    });

    it('starts the allocation clock afresh: from the new adoption, not met, neither reminded nor escalated', () => {
      const before = stoodDown();
      expect([...before.completed]).toContain('ALLOCATION');
      const readopted = applyReferralEvent(before, ADOPT, new Date('2026-03-10T11:00:00Z'), {
        ...SETTINGS,
        to: 'ADOPTED',
        readoption: true,
      });
      expect(readopted.adoptedAt).toEqual(new Date('2026-03-10T11:00:00Z'));
      expect([...readopted.completed]).toEqual(['TRIAGE', 'ASSESSMENT']);
      expect([...readopted.reminded.keys(), ...readopted.escalated.keys()]).toEqual([]);
      // Without the rule (referrals started before it) the first adoption's clock stands, as it did.
      const asBefore = applyReferralEvent(before, ADOPT, new Date('2026-03-10T11:00:00Z'), {
        ...SETTINGS,
        to: 'ADOPTED',
      });
      expect(asBefore.adoptedAt).toEqual(new Date('2026-03-02T11:00:00Z'));
      expect([...asBefore.escalated.keys()]).toEqual(['ALLOCATION']);
    });
  });

  describe('sending national', () => {
    const sent: Step[] = [
      [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T09:00:00Z'],
      [ASSESS_NATIONAL, 'REFERRED_NATIONAL', '2026-03-02T10:00:00Z'],
    ];

    it("starts a round in the NCA's queue, due by the response policy, to return to assessment", () => {
      const state = run(sent);
      expect(state).toMatchObject({ nationalPending: true, nationalReturnTo: 'ASSESSMENT', nationalRound: 1 });
      expect(state.nationalDue).toEqual({
        dueAt: new Date('2026-03-02T10:00:01.000Z'),
        remindAt: new Date('2026-03-02T10:00:00.500Z'),
      });
    });

    it('keeps the round when the NCA accepts (the status stays REFERRED_NATIONAL)', () => {
      const sentState = run(sent);
      const accepted = noteReferralFact(
        run([[{ type: 'NATIONAL_ACCEPT' }, 'REFERRED_NATIONAL', '2026-03-02T10:00:00.800Z']], SETTINGS, sentState),
        { type: 'NATIONAL_ANSWERED' },
      );
      expect(accepted).toMatchObject({ nationalPending: false, nationalRound: 1, nationalDue: sentState.nationalDue });
    });

    it("starts a second round after a return, to come back to the meeting's agenda when a meeting sent it", () => {
      const returned = noteReferralFact(
        run([[{ type: 'NATIONAL_RETURN' }, 'ASSESSMENT', '2026-03-03T10:00:00Z']], SETTINGS, run(sent)),
        { type: 'NATIONAL_ANSWERED' },
      );
      expect(returned).toMatchObject({ status: 'ASSESSMENT', nationalPending: false, nationalRound: 1 });
      const state = run(
        [
          [ASSESS_TTCG, 'AWAITING_DECISION', '2026-03-04T10:00:00Z'],
          [DECIDE_NATIONAL, 'REFERRED_NATIONAL', '2026-03-05T10:00:00Z'],
        ],
        SETTINGS,
        returned,
      );
      expect(state).toMatchObject({ nationalPending: true, nationalReturnTo: 'AWAITING_DECISION', nationalRound: 2 });
      expect(state.nationalDue?.dueAt).toEqual(new Date('2026-03-05T10:00:01.000Z'));
    });
  });

  describe("the NCA's return", () => {
    const NATIONAL_RETURN: ReferralEvent = { type: 'NATIONAL_RETURN' };
    const SENT_AT = '2026-03-02T10:00:00Z';
    const RETURNED_AT = '2026-03-04T10:00:00Z';
    const sentByAssessor = (): ReferralState =>
      run([
        [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T09:00:00Z'],
        [ASSESS_NATIONAL, 'REFERRED_NATIONAL', SENT_AT],
      ]);
    const returned = (state: ReferralState, to: ReferralStatus, settings = SETTINGS, nationalReturn = true) =>
      applyReferralEvent(state, NATIONAL_RETURN, new Date(RETURNED_AT), { ...settings, to, nationalReturn });

    it('resumes the assessment where it stopped: not met, the time in the queue paused', () => {
      const state = returned(sentByAssessor(), 'ASSESSMENT');
      expect(state.status).toBe('ASSESSMENT');
      expect([...state.completed]).toEqual(['TRIAGE']);
      expect(state.pausedMs).toBe(48 * HOUR);
      expect(state.pausedWorkingMs).toBe(workingTimeBetween(new Date(SENT_AT), new Date(RETURNED_AT)));
      expect(state.pausedWorkingMs).toBeGreaterThan(0);
      // Without the rule (referrals started before it) the stage stays met and nothing is paused, as it was.
      const asBefore = returned(sentByAssessor(), 'ASSESSMENT', SETTINGS, false);
      expect([...asBefore.completed]).toEqual(['TRIAGE', 'ASSESSMENT']);
      expect(asBefore.pausedMs).toBe(0);
    });

    it('gives back only the working time after the clock started for one sent national at a weekend', () => {
      // Arrived, triaged and sent national on Saturday 7 March; returned on Monday 9 March at 10:00.
      const sentAtWeekend = run(
        [
          [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-07T11:00:00Z'],
          [ASSESS_NATIONAL, 'REFERRED_NATIONAL', '2026-03-07T12:00:00Z'],
        ],
        { ...SETTINGS, clockStartsAt: new Date('2026-03-09T09:00:00Z') },
      );
      const resume = (clockStartsAt: Date | null) =>
        applyReferralEvent(sentAtWeekend, NATIONAL_RETURN, new Date('2026-03-09T10:00:00Z'), {
          ...SETTINGS,
          clockStartsAt,
          to: 'ASSESSMENT',
          nationalReturn: true,
        });
      expect(resume(new Date('2026-03-09T09:00:00Z')).pausedWorkingMs).toBe(1 * HOUR);
      expect(resume(null).pausedWorkingMs).toBe(10 * HOUR);
    });

    it('resumes an assessment re-scored after it was done from when it was done, not from the sending', () => {
      const ASSESSED_AT = '2026-03-01T10:00:00Z';
      const reScored = run([
        [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-01T09:00:00Z'],
        [ASSESS_TTCG, 'AWAITING_DECISION', ASSESSED_AT],
        [ASSESS_NATIONAL, 'REFERRED_NATIONAL', SENT_AT],
      ]);
      expect(reScored.assessmentLeftAt).toEqual(new Date(ASSESSED_AT));
      const resumed = applyReferralEvent(reScored, NATIONAL_RETURN, new Date(RETURNED_AT), {
        ...SETTINGS,
        to: 'ASSESSMENT',
        nationalReturn: true,
        resumeFromAssessmentLeft: true,
      });
      // The day awaiting a meeting and the two in the NCA's queue are paused: the assessment resumes where it was done.
      expect(resumed.pausedMs).toBe(72 * HOUR);
      expect(resumed.pausedWorkingMs).toBe(workingTimeBetween(new Date(ASSESSED_AT), new Date(RETURNED_AT)));
      // Without the rule (returns recorded before it) only the time in the NCA's queue is paused, as it was.
      expect(returned(reScored, 'ASSESSMENT').pausedMs).toBe(48 * HOUR);
      // Sent from assessment, it left assessment as it was sent: the same either way.
      const fromAssessment = sentByAssessor();
      expect(fromAssessment.assessmentLeftAt).toEqual(new Date(SENT_AT));
    });

    it("starts an urgent decision's clock again from the return, its earlier notices forgotten", () => {
      const urgent = { ...SETTINGS, decisionClock: true };
      const awaiting = run(
        [
          [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T08:00:00Z'],
          [ASSESS_TTCG, 'AWAITING_DECISION', '2026-03-02T09:00:00Z'],
        ],
        urgent,
      );
      const escalated = noteReferralFact(awaiting, {
        type: 'DEADLINE_NOTIFIED',
        kind: 'ESCALATION',
        stage: 'DECISION',
        at: '2026-03-02T18:00:00Z',
      });
      const sent = run([[DECIDE_NATIONAL, 'REFERRED_NATIONAL', SENT_AT]], urgent, escalated);
      expect([...sent.completed]).toContain('DECISION');
      const state = returned(sent, 'AWAITING_DECISION', urgent);
      expect(state.awaitingSince).toEqual(new Date(RETURNED_AT));
      expect([...state.completed]).toEqual(['TRIAGE', 'ASSESSMENT']);
      expect([...state.escalated.keys()]).toEqual([]);
      expect(state.pausedMs).toBe(0);
    });

    it("starts an urgent decision's clock afresh when a re-score the NCA returned to assessment is assessed again", () => {
      const urgent = { ...SETTINGS, decisionClock: true };
      const awaiting = run(
        [
          [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T08:00:00Z'],
          [ASSESS_TTCG, 'AWAITING_DECISION', '2026-03-02T09:00:00Z'],
        ],
        urgent,
      );
      expect(
        isDecisionAgain(run([[TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T08:00:00Z']], urgent), 'AWAITING_DECISION'),
      ).toBe(false); // the first decision wait
      const escalated = noteReferralFact(awaiting, {
        type: 'DEADLINE_NOTIFIED',
        kind: 'ESCALATION',
        stage: 'DECISION',
        at: '2026-03-02T18:00:00Z',
      });
      const back = returned(run([[ASSESS_NATIONAL, 'REFERRED_NATIONAL', SENT_AT]], urgent, escalated), 'ASSESSMENT');
      expect([...back.completed]).toEqual(['TRIAGE', 'DECISION']);
      expect(isDecisionAgain(back, 'AWAITING_DECISION')).toBe(true);
      expect(isDecisionAgain(back, 'REFERRED_NATIONAL')).toBe(false);
      const deferredThenSent = run(
        [
          [DEFER, 'DEFERRED', '2026-03-02T12:00:00Z'],
          [ASSESS_NATIONAL, 'REFERRED_NATIONAL', SENT_AT],
        ],
        urgent,
        awaiting,
      );
      expect(isDecisionAgain(returned(deferredThenSent, 'ASSESSMENT'), 'AWAITING_DECISION')).toBe(true);
      const assessedAt = new Date('2026-03-05T10:00:00Z');
      const again = applyReferralEvent(back, ASSESS_TTCG, assessedAt, {
        ...urgent,
        to: 'AWAITING_DECISION',
        decisionAgain: true,
      });
      expect(again.awaitingSince).toEqual(assessedAt);
      expect([...again.completed]).toEqual(['TRIAGE', 'ASSESSMENT']);
      expect([...again.escalated.keys()]).toEqual([]);
      // Without the rule (referrals started before it) the first wait's clock stands, met and escalated, as it did.
      const asBefore = applyReferralEvent(back, ASSESS_TTCG, assessedAt, { ...urgent, to: 'AWAITING_DECISION' });
      expect(asBefore.awaitingSince).toEqual(new Date('2026-03-02T09:00:00Z'));
      expect([...asBefore.completed]).toEqual(['TRIAGE', 'DECISION', 'ASSESSMENT']);
      expect([...asBefore.escalated.keys()]).toEqual(['DECISION']);
    });

    it('leaves a referral without a stage clock where it waits (a meeting without a decision clock)', () => {
      const sent = run([
        [TRIAGE_ACCEPT, 'ASSESSMENT', '2026-03-02T08:00:00Z'],
        [ASSESS_TTCG, 'AWAITING_DECISION', '2026-03-02T09:00:00Z'],
        [DECIDE_NATIONAL, 'REFERRED_NATIONAL', SENT_AT],
      ]);
      const state = returned(sent, 'AWAITING_DECISION');
      expect(state).toMatchObject({ status: 'AWAITING_DECISION', pausedMs: 0, completed: sent.completed });
      expect(state.awaitingSince).toEqual(new Date('2026-03-02T09:00:00Z'));
    });
  });

  describe('re-assessment after closure', () => {
    const closed = (): ReferralState =>
      run([[{ type: 'CLOSE' }, 'CLOSED', '2026-04-01T10:00:00Z']], SETTINGS, {
        ...initialReferralState(),
        status: 'ACTIVE',
      });

    it('is due once the closure is applied', () => {
      expect(closed()).toMatchObject({ status: 'CLOSED', reassessmentDue: true });
    });

    it('is not due when an overturning ratification ends the tasking instead (the closure waiting with it is refused)', () => {
      const overturned = run(
        [
          [
            { type: 'RATIFICATION', outcome: 'OVERTURN', decision: 'DECLINE_RETURN_TO_FORCE' },
            'DECLINED',
            '2026-04-01T10:00:00Z',
          ],
        ],
        SETTINGS,
        {
          ...initialReferralState(),
          status: 'ACTIVE',
        },
      );
      expect(overturned).toMatchObject({ status: 'DECLINED', reassessmentDue: false });
    });

    it('is done by assessing the closed referral', () => {
      const state = run([[ASSESS_TTCG, 'CLOSED', '2026-04-02T10:00:00Z']], SETTINGS, closed());
      expect(state).toMatchObject({ status: 'CLOSED', reassessmentDue: false });
    });

    it('is not done by assessing a referral that is not closed', () => {
      const due: ReferralState = { ...initialReferralState(), status: 'ASSESSMENT', reassessmentDue: true };
      expect(run([[ASSESS_TTCG, 'AWAITING_DECISION', '2026-04-02T10:00:00Z']], SETTINGS, due).reassessmentDue).toBe(
        true,
      );
    });
  });
});

describe('noteReferralFact', () => {
  it('notes an urgent decision pending and its settlement', () => {
    const pending = noteReferralFact(initialReferralState(), { type: 'URGENT_DECISION', pending: true });
    expect(pending.urgentDecisionPending).toBe(true);
    expect(noteReferralFact(pending, { type: 'URGENT_DECISION', pending: false }).urgentDecisionPending).toBe(false);
  });

  it('names and replaces the owners', () => {
    const ann = { sub: 'ann', name: 'Ann', org: 'ROCU-NE' };
    const bob = { sub: 'bob', name: 'Bob', org: 'FORCE-1' };
    const cat = { sub: 'cat', name: 'Cat', org: 'ROCU-NE' };
    const named = noteReferralFact(
      noteReferralFact(initialReferralState(), { type: 'OWNER_NAMED', role: 'SIO', owner: ann }),
      {
        type: 'OWNER_NAMED',
        role: 'LRO',
        owner: bob,
      },
    );
    expect(named).toMatchObject({ sio: ann, lro: bob });
    expect(noteReferralFact(named, { type: 'OWNER_NAMED', role: 'SIO', owner: cat })).toMatchObject({
      sio: cat,
      lro: bob,
    });
  });

  it('records when each reminder and escalation was sent, in new maps', () => {
    const start = initialReferralState();
    const reminded = noteReferralFact(start, {
      type: 'DEADLINE_NOTIFIED',
      kind: 'REMINDER',
      stage: 'TRIAGE',
      at: '2026-03-02T12:00:00.000Z',
    });
    const escalated = noteReferralFact(reminded, {
      type: 'DEADLINE_NOTIFIED',
      kind: 'ESCALATION',
      stage: 'TRIAGE',
      at: '2026-03-03T09:00:00.000Z',
    });
    expect([...escalated.reminded]).toEqual([['TRIAGE', '2026-03-02T12:00:00.000Z']]);
    expect([...escalated.escalated]).toEqual([['TRIAGE', '2026-03-03T09:00:00.000Z']]);
    expect(start.reminded.size).toBe(0);
    expect(reminded.escalated.size).toBe(0);
  });
});
