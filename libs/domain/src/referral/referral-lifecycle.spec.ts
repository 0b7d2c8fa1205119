import fc from 'fast-check';
import { Actor, ROLES } from '../roles';
import { DomainError } from '../errors/domain-error';
import { availableActions, transition } from './referral-lifecycle';
import {
  REFERRAL_STATUSES,
  ROUTES,
  ReferralStatus,
  TRIAGE_DECISIONS,
  isBeforeDecision,
  isTerminal,
} from './referral-status';
import { ReferralEvent, ReferralRecord } from './referral-transitions';

const assessor: Actor = { sub: 'a1', name: 'Assessor', roles: ['GATEWAY_ASSESSOR'], org: 'YHROCU', region: 'YHROCU' };
const otherAssessor: Actor = { ...assessor, sub: 'a2', org: 'NWROCU', region: 'NWROCU' };
const referrer: Actor = { sub: 'r1', name: 'Referrer', roles: ['FORCE_REFERRER'], org: 'WYP', region: 'YHROCU' };
const otherReferrer: Actor = { ...referrer, sub: 'r2', org: 'SYP' };
const agencyAssessor: Actor = { ...assessor, sub: 'a3', region: null };

const record = (status: ReferralStatus): ReferralRecord => ({ status, ownerOrg: 'WYP', region: 'YHROCU' });

describe('transition', () => {
  it.each([
    ['SUBMITTED', 'ACCEPT', 'ASSESSMENT'],
    ['SUBMITTED', 'REQUEST_INFO', 'INFO_REQUESTED'],
    ['SUBMITTED', 'REJECT', 'REJECTED'],
    ['TRIAGE', 'ACCEPT', 'ASSESSMENT'],
    ['TRIAGE', 'REQUEST_INFO', 'INFO_REQUESTED'],
  ] as const)('TRIAGE from %s with %s -> %s', (from, decision, to) => {
    expect(transition(record(from), { type: 'TRIAGE', decision }, assessor)).toEqual({ ok: true, from, to });
  });

  it('PROVIDE_INFORMATION returns the referral to TRIAGE', () => {
    expect(transition(record('INFO_REQUESTED'), { type: 'PROVIDE_INFORMATION' }, referrer)).toEqual({
      ok: true,
      from: 'INFO_REQUESTED',
      to: 'TRIAGE',
    });
  });

  it.each([
    ['ASSESSMENT', 'TTCG', 'AWAITING_DECISION'],
    ['ASSESSMENT', 'COVERT_COMMISSIONING', 'AWAITING_DECISION'],
    ['ASSESSMENT', 'REFER_NATIONAL', 'REFERRED_NATIONAL'],
    ['ASSESSMENT', 'REFER_PARTNER', 'REFERRED_PARTNER'],
    ['ASSESSMENT', 'RETURN_TO_FORCE', 'DECLINED'],
    ['AWAITING_DECISION', 'TTCG', 'AWAITING_DECISION'],
    ['AWAITING_DECISION', 'REFER_NATIONAL', 'REFERRED_NATIONAL'],
  ] as const)('ASSESS from %s routed %s -> %s', (from, route, to) => {
    expect(transition(record(from), { type: 'ASSESS', route }, assessor)).toEqual({ ok: true, from, to });
  });

  it.each(['SUBMITTED', 'TRIAGE', 'INFO_REQUESTED', 'ASSESSMENT', 'AWAITING_DECISION'] as const)(
    'the owning referrer may WITHDRAW from %s',
    (from) => {
      expect(transition(record(from), { type: 'WITHDRAW' }, referrer)).toEqual({ ok: true, from, to: 'WITHDRAWN' });
    },
  );

  it.each(['ADOPTED', 'ACTIVE', 'DECLINED', 'WITHDRAWN', 'REJECTED'] as const)(
    'WITHDRAW is refused after a decision (%s)',
    (from) => {
      const result = transition(record(from), { type: 'WITHDRAW' }, referrer);
      expect(result).toMatchObject({ ok: false, refusal: 'NOT_ALLOWED_IN_STATE', status: from });
    },
  );

  it('refuses an assessor of another region with ROLE_NOT_ALLOWED, naming the state', () => {
    const result = transition(record('SUBMITTED'), { type: 'TRIAGE', decision: 'ACCEPT' }, otherAssessor);
    expect(result).toEqual({
      ok: false,
      refusal: 'ROLE_NOT_ALLOWED',
      reason: expect.stringContaining('SUBMITTED'),
      status: 'SUBMITTED',
      allowedActions: [],
    });
  });

  it('never matches a null region', () => {
    const result = transition(record('SUBMITTED'), { type: 'TRIAGE', decision: 'ACCEPT' }, agencyAssessor);
    expect(result).toMatchObject({ ok: false, refusal: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses a referrer of another force, even from the same region', () => {
    const result = transition(record('INFO_REQUESTED'), { type: 'PROVIDE_INFORMATION' }, otherReferrer);
    expect(result).toMatchObject({ ok: false, refusal: 'ROLE_NOT_ALLOWED', allowedActions: [] });
  });

  it('checks the role before the state', () => {
    // A referrer may never triage, so the state (which would also be wrong) is not the reason.
    const result = transition(record('ACTIVE'), { type: 'TRIAGE', decision: 'ACCEPT' }, referrer);
    expect(result).toMatchObject({ ok: false, refusal: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses a fitting role in the wrong state with NOT_ALLOWED_IN_STATE and lists what is allowed', () => {
    const result = transition(record('INFO_REQUESTED'), { type: 'TRIAGE', decision: 'ACCEPT' }, assessor);
    expect(result).toEqual({
      ok: false,
      refusal: 'NOT_ALLOWED_IN_STATE',
      reason:
        'A referral in status INFO_REQUESTED cannot be given the triage action; it is allowed only in SUBMITTED, TRIAGE.',
      status: 'INFO_REQUESTED',
      allowedActions: [],
    });
    const dualRole: Actor = { ...referrer, roles: ['FORCE_REFERRER', 'GATEWAY_ASSESSOR'] };
    const referrerView = transition(record('INFO_REQUESTED'), { type: 'ASSESS', route: 'TTCG' }, dualRole);
    expect(referrerView).toMatchObject({
      ok: false,
      refusal: 'NOT_ALLOWED_IN_STATE',
      allowedActions: ['PROVIDE_INFORMATION', 'WITHDRAW'],
    });
  });

  it('throws a DomainError for malformed runtime events', () => {
    const bad = { type: 'TRIAGE', decision: 'MAYBE' } as unknown as ReferralEvent;
    expect(() => transition(record('SUBMITTED'), bad, assessor)).toThrow(DomainError);
    const unknown = { type: 'DANCE' } as unknown as ReferralEvent;
    expect(() => transition(record('SUBMITTED'), unknown, assessor)).toThrow(/Unknown referral action/);
  });
});

describe('availableActions', () => {
  it('offers triage and assessment to the regional assessor where the state fits', () => {
    expect(availableActions(record('SUBMITTED'), assessor)).toEqual(['TRIAGE']);
    expect(availableActions(record('ASSESSMENT'), assessor)).toEqual(['ASSESS']);
    expect(availableActions(record('AWAITING_DECISION'), assessor)).toEqual(['ASSESS']);
    expect(availableActions(record('ADOPTED'), assessor)).toEqual([]);
  });

  it('offers information and withdrawal to the owning referrer', () => {
    expect(availableActions(record('INFO_REQUESTED'), referrer)).toEqual(['PROVIDE_INFORMATION', 'WITHDRAW']);
    expect(availableActions(record('SUBMITTED'), referrer)).toEqual(['WITHDRAW']);
    expect(availableActions(record('SUBMITTED'), otherReferrer)).toEqual([]);
  });
});

describe('lifecycle properties', () => {
  const statusArb = fc.constantFrom(...REFERRAL_STATUSES);
  const eventArb: fc.Arbitrary<ReferralEvent> = fc.oneof(
    fc.constantFrom(...TRIAGE_DECISIONS).map((decision): ReferralEvent => ({ type: 'TRIAGE', decision })),
    fc.constant<ReferralEvent>({ type: 'PROVIDE_INFORMATION' }),
    fc.constantFrom(...ROUTES).map((route): ReferralEvent => ({ type: 'ASSESS', route })),
    fc.constant<ReferralEvent>({ type: 'WITHDRAW' }),
  );
  const actorArb: fc.Arbitrary<Actor> = fc.record({
    sub: fc.constant('p'),
    name: fc.constant('P'),
    roles: fc.subarray([...ROLES]),
    org: fc.constantFrom('WYP', 'SYP', 'YHROCU', 'NWROCU', 'NCA'),
    region: fc.constantFrom('YHROCU', 'NWROCU', null),
  });

  it('a transition succeeds exactly when its action is available, and refusals report available actions', () => {
    fc.assert(
      fc.property(statusArb, eventArb, actorArb, (status, event, actor) => {
        const rec = record(status);
        const result = transition(rec, event, actor);
        const available = availableActions(rec, actor);
        expect(result.ok).toBe(available.includes(event.type));
        if (!result.ok) {
          expect(result.allowedActions).toEqual(available);
          expect(result.reason).toContain(status);
        }
      }),
    );
  });

  it('terminal states allow nothing and successful moves never leave a terminal state', () => {
    fc.assert(
      fc.property(statusArb, eventArb, actorArb, (status, event, actor) => {
        const result = transition(record(status), event, actor);
        if (isTerminal(status)) expect(result.ok).toBe(false);
        if (result.ok) expect(isBeforeDecision(result.from)).toBe(true);
      }),
    );
  });
});

describe('tasking decisions (DECIDE)', () => {
  const chair: Actor = { sub: 'chair', name: 'Chair', roles: ['TTCG_CHAIR'], org: 'YHROCU', region: 'YHROCU' };
  const otherChair: Actor = { ...chair, org: 'EMSOU', region: 'EMSOU' };
  const awaiting = { status: 'AWAITING_DECISION' as const, ownerOrg: 'WYP', region: 'YHROCU' };

  it('lets a chair of the region adopt, defer, decline or refer an item awaiting decision', () => {
    expect(transition(awaiting, { type: 'DECIDE', decision: 'ADOPT_ROCU_LEAD' }, chair)).toMatchObject({
      ok: true,
      to: 'ADOPTED',
    });
    expect(transition(awaiting, { type: 'DECIDE', decision: 'DEFER' }, chair)).toMatchObject({
      ok: true,
      to: 'DEFERRED',
    });
    expect(transition(awaiting, { type: 'DECIDE', decision: 'DECLINE_RETURN_TO_FORCE' }, chair)).toMatchObject({
      ok: true,
      to: 'DECLINED',
    });
    expect(transition(awaiting, { type: 'DECIDE', decision: 'REFER_NATIONAL' }, chair)).toMatchObject({
      ok: true,
      to: 'REFERRED_NATIONAL',
    });
  });

  it('decides a deferred item again at a later meeting', () => {
    const deferred = { ...awaiting, status: 'DEFERRED' as const };
    expect(transition(deferred, { type: 'DECIDE', decision: 'ADOPT_SUPPORT_ONLY' }, chair)).toMatchObject({
      ok: true,
      to: 'ADOPTED',
    });
  });

  it('refuses chairs of other regions and decisions before assessment', () => {
    expect(transition(awaiting, { type: 'DECIDE', decision: 'DEFER' }, otherChair)).toMatchObject({
      ok: false,
      refusal: 'ROLE_NOT_ALLOWED',
    });
    expect(
      transition({ ...awaiting, status: 'ASSESSMENT' }, { type: 'DECIDE', decision: 'DEFER' }, chair),
    ).toMatchObject({
      ok: false,
      refusal: 'NOT_ALLOWED_IN_STATE',
    });
  });
});
