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
import { ReferralEvent, ReferralRecord, standsTaskingDown } from './referral-transitions';
import { isAdoption, MEETING_DECISIONS, referralStatusAfter } from '../meetings/meeting-types';

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
    ['DEFERRED', 'TTCG', 'DEFERRED'],
    ['DEFERRED', 'COVERT_COMMISSIONING', 'DEFERRED'],
    ['DEFERRED', 'REFER_NATIONAL', 'REFERRED_NATIONAL'],
    ['DEFERRED', 'RETURN_TO_FORCE', 'DECLINED'],
  ] as const)('ASSESS from %s routed %s -> %s', (from, route, to) => {
    expect(transition(record(from), { type: 'ASSESS', route }, assessor)).toEqual({ ok: true, from, to });
  });

  it.each(['SUBMITTED', 'TRIAGE', 'INFO_REQUESTED', 'ASSESSMENT', 'AWAITING_DECISION', 'DEFERRED'] as const)(
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
    expect(availableActions(record('DEFERRED'), assessor)).toEqual(['ASSESS']);
    expect(availableActions(record('ADOPTED'), assessor)).toEqual([]);
  });

  it('offers information and withdrawal to the owning referrer', () => {
    expect(availableActions(record('INFO_REQUESTED'), referrer)).toEqual(['PROVIDE_INFORMATION', 'WITHDRAW']);
    expect(availableActions(record('SUBMITTED'), referrer)).toEqual(['WITHDRAW']);
    expect(availableActions(record('DEFERRED'), referrer)).toEqual(['WITHDRAW']);
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

  /**
   * The gateway's moves written out by hand from domain.md section 1 (not read from the transition table):
   * per event, the statuses it may start from and where it leads. Who may make them: an assessor of the
   * referral's region (triage, assessment) or a referrer or NCA liaison of the organisation that referred it
   * (information, withdrawal).
   */
  const GATEWAY_MOVES: Record<string, Partial<Record<ReferralStatus, ReferralStatus>>> = {
    'TRIAGE ACCEPT': { SUBMITTED: 'ASSESSMENT', TRIAGE: 'ASSESSMENT' },
    'TRIAGE REQUEST_INFO': { SUBMITTED: 'INFO_REQUESTED', TRIAGE: 'INFO_REQUESTED' },
    'TRIAGE REJECT': { SUBMITTED: 'REJECTED', TRIAGE: 'REJECTED' },
    PROVIDE_INFORMATION: { INFO_REQUESTED: 'TRIAGE' },
    'ASSESS TTCG': { ASSESSMENT: 'AWAITING_DECISION', AWAITING_DECISION: 'AWAITING_DECISION', DEFERRED: 'DEFERRED' },
    'ASSESS COVERT_COMMISSIONING': {
      ASSESSMENT: 'AWAITING_DECISION',
      AWAITING_DECISION: 'AWAITING_DECISION',
      DEFERRED: 'DEFERRED',
    },
    'ASSESS REFER_NATIONAL': {
      ASSESSMENT: 'REFERRED_NATIONAL',
      AWAITING_DECISION: 'REFERRED_NATIONAL',
      DEFERRED: 'REFERRED_NATIONAL',
    },
    'ASSESS REFER_PARTNER': {
      ASSESSMENT: 'REFERRED_PARTNER',
      AWAITING_DECISION: 'REFERRED_PARTNER',
      DEFERRED: 'REFERRED_PARTNER',
    },
    'ASSESS RETURN_TO_FORCE': { ASSESSMENT: 'DECLINED', AWAITING_DECISION: 'DECLINED', DEFERRED: 'DECLINED' },
    WITHDRAW: {
      SUBMITTED: 'WITHDRAWN',
      TRIAGE: 'WITHDRAWN',
      INFO_REQUESTED: 'WITHDRAWN',
      ASSESSMENT: 'WITHDRAWN',
      AWAITING_DECISION: 'WITHDRAWN',
      DEFERRED: 'WITHDRAWN',
    },
  };
  const moveKey = (event: ReferralEvent): string =>
    event.type === 'TRIAGE'
      ? `TRIAGE ${event.decision}`
      : event.type === 'ASSESS'
        ? `ASSESS ${event.route}`
        : event.type;
  const mayMake = (event: ReferralEvent, actor: Actor): boolean =>
    event.type === 'TRIAGE' || event.type === 'ASSESS'
      ? actor.roles.includes('GATEWAY_ASSESSOR') && actor.region === 'YHROCU'
      : (actor.roles.includes('FORCE_REFERRER') || actor.roles.includes('NCA_LIAISON')) && actor.org === 'WYP';

  it('moves exactly as the hand-written table of gateway moves says, for whoever may make them', () => {
    fc.assert(
      fc.property(statusArb, eventArb, actorArb, (status, event, actor) => {
        const expected = mayMake(event, actor) ? GATEWAY_MOVES[moveKey(event)][status] : undefined;
        const result = transition(record(status), event, actor);
        expect(result.ok ? result.to : undefined).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
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

describe('after adoption (ALLOCATE_SIO, NAME_LRO, CLOSE)', () => {
  const manager: Actor = { sub: 'm1', name: 'Manager', roles: ['ROCU_MANAGER'], org: 'YHROCU', region: 'YHROCU' };
  const otherManager: Actor = { ...manager, sub: 'm2', org: 'NWROCU', region: 'NWROCU' };
  const lro: Actor = { sub: 'lro-wyp', name: 'LRO', roles: ['LRO'], org: 'WYP', region: 'YHROCU' };
  const otherLro: Actor = { ...lro, sub: 'lro-syp', org: 'SYP' };
  const sio: Actor = { sub: 'sio-yhrocu-1', name: 'SIO', roles: ['SIO'], org: 'YHROCU', region: 'YHROCU' };
  const adopted = (extra: Partial<ReferralRecord> = {}): ReferralRecord => ({ ...record('ADOPTED'), ...extra });

  describe('ALLOCATE_SIO', () => {
    it('lets a ROCU manager of the region allocate: SIO_ALLOCATED, or ACTIVE once the LRO is named', () => {
      expect(transition(adopted(), { type: 'ALLOCATE_SIO' }, manager)).toEqual({
        ok: true,
        from: 'ADOPTED',
        to: 'SIO_ALLOCATED',
      });
      expect(transition(adopted({ lroNamed: false }), { type: 'ALLOCATE_SIO' }, manager)).toMatchObject({
        ok: true,
        to: 'SIO_ALLOCATED',
      });
      expect(transition(adopted({ lroNamed: true }), { type: 'ALLOCATE_SIO' }, manager)).toEqual({
        ok: true,
        from: 'ADOPTED',
        to: 'ACTIVE',
      });
    });

    it.each([
      ['a manager of another region', otherManager],
      ['a regional assessor', assessor],
      ['the owning referrer', referrer],
      ['the force LRO', lro],
      ['an SIO', sio],
    ])('refuses %s with ROLE_NOT_ALLOWED', (_who, actor) => {
      expect(transition(adopted(), { type: 'ALLOCATE_SIO' }, actor)).toMatchObject({
        ok: false,
        refusal: 'ROLE_NOT_ALLOWED',
        reason: expect.stringContaining("a ROCU manager of the referral's region"),
      });
    });

    it.each(['AWAITING_DECISION', 'DEFERRED', 'SIO_ALLOCATED', 'ACTIVE', 'CLOSED', 'DECLINED'] as const)(
      'refuses the manager in %s with NOT_ALLOWED_IN_STATE',
      (status) => {
        expect(transition(record(status), { type: 'ALLOCATE_SIO' }, manager)).toMatchObject({
          ok: false,
          refusal: 'NOT_ALLOWED_IN_STATE',
          status,
          reason: expect.stringContaining('allowed only in ADOPTED'),
        });
      },
    );
  });

  describe('NAME_LRO', () => {
    it.each([
      ['the owning referrer', referrer],
      ['an LRO of the owning force', lro],
    ])('lets %s name the LRO: ADOPTED stays ADOPTED, SIO_ALLOCATED becomes ACTIVE', (_who, actor) => {
      expect(transition(adopted(), { type: 'NAME_LRO' }, actor)).toEqual({ ok: true, from: 'ADOPTED', to: 'ADOPTED' });
      expect(transition(record('SIO_ALLOCATED'), { type: 'NAME_LRO' }, actor)).toEqual({
        ok: true,
        from: 'SIO_ALLOCATED',
        to: 'ACTIVE',
      });
    });

    it.each([
      ['an LRO of another force', otherLro],
      ['a referrer of another force', otherReferrer],
      ['the ROCU manager', manager],
      ['an SIO', sio],
    ])('refuses %s with ROLE_NOT_ALLOWED', (_who, actor) => {
      expect(transition(adopted(), { type: 'NAME_LRO' }, actor)).toMatchObject({
        ok: false,
        refusal: 'ROLE_NOT_ALLOWED',
      });
    });

    it.each(['AWAITING_DECISION', 'ACTIVE', 'CLOSED', 'WITHDRAWN'] as const)(
      'refuses naming an LRO in %s with NOT_ALLOWED_IN_STATE',
      (status) => {
        expect(transition(record(status), { type: 'NAME_LRO' }, lro)).toMatchObject({
          ok: false,
          refusal: 'NOT_ALLOWED_IN_STATE',
          status,
        });
      },
    );
  });

  describe('CLOSE', () => {
    it('lets a ROCU manager of the region close an ACTIVE tasking', () => {
      expect(transition(record('ACTIVE'), { type: 'CLOSE' }, manager)).toEqual({
        ok: true,
        from: 'ACTIVE',
        to: 'CLOSED',
      });
    });

    it.each([
      ['a manager of another region', otherManager],
      ['the force LRO', lro],
      ['the owning referrer', referrer],
      ['an SIO', sio],
      ['a regional assessor', assessor],
    ])('refuses %s with ROLE_NOT_ALLOWED', (_who, actor) => {
      expect(transition(record('ACTIVE'), { type: 'CLOSE' }, actor)).toMatchObject({
        ok: false,
        refusal: 'ROLE_NOT_ALLOWED',
      });
    });

    it('refuses closing while an urgent decision awaits ratification, naming what it waits for', () => {
      const pending: ReferralRecord = { ...record('ACTIVE'), urgentDecisionPending: true };
      const refused = transition(pending, { type: 'CLOSE' }, manager);
      expect(refused).toMatchObject({ ok: false, refusal: 'NOT_ALLOWED_IN_STATE', status: 'ACTIVE' });
      expect(refused.ok === false && refused.reason).toContain('ACTIVE (once its urgent decision is ratified)');
      expect(availableActions(pending, manager)).toEqual(['REALLOCATE_SIO']);
      const ratified: ReferralRecord = { ...record('ACTIVE'), urgentDecisionPending: false };
      expect(transition(ratified, { type: 'CLOSE' }, manager)).toEqual({ ok: true, from: 'ACTIVE', to: 'CLOSED' });
    });

    it.each(['ADOPTED', 'SIO_ALLOCATED', 'CLOSED', 'AWAITING_DECISION'] as const)(
      'refuses closing from %s with NOT_ALLOWED_IN_STATE',
      (status) => {
        expect(transition(record(status), { type: 'CLOSE' }, manager)).toMatchObject({
          ok: false,
          refusal: 'NOT_ALLOWED_IN_STATE',
        });
      },
    );
  });

  describe('re-assessment after closure (ASSESS on CLOSED)', () => {
    const closed = (reassessmentDue?: boolean): ReferralRecord => ({ ...record('CLOSED'), reassessmentDue });

    it.each(ROUTES)('lets the regional assessor re-score a closed referral routed %s; it stays CLOSED', (route) => {
      expect(transition(closed(true), { type: 'ASSESS', route }, assessor)).toEqual({
        ok: true,
        from: 'CLOSED',
        to: 'CLOSED',
      });
    });

    it.each([false, undefined])('refuses it when reassessmentDue is %p', (due) => {
      expect(transition(closed(due), { type: 'ASSESS', route: 'TTCG' }, assessor)).toMatchObject({
        ok: false,
        refusal: 'NOT_ALLOWED_IN_STATE',
        status: 'CLOSED',
        allowedActions: [],
      });
    });

    it('still needs an assessor of the region', () => {
      expect(transition(closed(true), { type: 'ASSESS', route: 'TTCG' }, otherAssessor)).toMatchObject({
        ok: false,
        refusal: 'ROLE_NOT_ALLOWED',
      });
      expect(transition(closed(true), { type: 'ASSESS', route: 'TTCG' }, manager)).toMatchObject({
        ok: false,
        refusal: 'ROLE_NOT_ALLOWED',
      });
    });

    it('is only offered while the re-assessment is due', () => {
      expect(availableActions(closed(true), assessor)).toEqual(['ASSESS']);
      expect(availableActions(closed(false), assessor)).toEqual([]);
      expect(availableActions(closed(), assessor)).toEqual([]);
      expect(availableActions(closed(true), otherAssessor)).toEqual([]);
    });

    it('does not let reassessmentDue open ASSESS in other states', () => {
      const adoptedDue: ReferralRecord = { ...record('ADOPTED'), reassessmentDue: true };
      expect(transition(adoptedDue, { type: 'ASSESS', route: 'TTCG' }, assessor)).toMatchObject({
        ok: false,
        refusal: 'NOT_ALLOWED_IN_STATE',
      });
    });
  });

  describe('availableActions after adoption', () => {
    it('offers each role its next step', () => {
      expect(availableActions(adopted(), manager)).toEqual(['ALLOCATE_SIO']);
      expect(availableActions(adopted(), lro)).toEqual(['NAME_LRO']);
      expect(availableActions(adopted(), referrer)).toEqual(['NAME_LRO']);
      expect(availableActions(record('SIO_ALLOCATED'), manager)).toEqual(['REALLOCATE_SIO']);
      expect(availableActions(record('SIO_ALLOCATED'), lro)).toEqual(['NAME_LRO']);
      expect(availableActions(record('ACTIVE'), manager)).toEqual(['REALLOCATE_SIO', 'CLOSE']);
      expect(availableActions(record('ACTIVE'), lro)).toEqual(['REPLACE_LRO']);
      expect(availableActions(record('ACTIVE'), referrer)).toEqual(['REPLACE_LRO']);
      expect(availableActions(record('ACTIVE'), otherLro)).toEqual([]);
      expect(availableActions(record('CLOSED'), manager)).toEqual([]);
      const both: Actor = { ...manager, roles: ['ROCU_MANAGER', 'GATEWAY_ASSESSOR'] };
      expect(availableActions({ ...record('CLOSED'), reassessmentDue: true }, both)).toEqual(['ASSESS']);
    });
  });

  it('a transition succeeds exactly when it is available, for every action and record flag', () => {
    const eventArb: fc.Arbitrary<ReferralEvent> = fc.oneof(
      fc.constantFrom(...TRIAGE_DECISIONS).map((decision): ReferralEvent => ({ type: 'TRIAGE', decision })),
      fc.constantFrom(...ROUTES).map((route): ReferralEvent => ({ type: 'ASSESS', route })),
      fc.constantFrom<ReferralEvent>(
        { type: 'PROVIDE_INFORMATION' },
        { type: 'WITHDRAW' },
        { type: 'DECIDE', decision: 'ADOPT_ROCU_LEAD' },
        { type: 'DECIDE', decision: 'DEFER' },
        { type: 'REALLOCATE_SIO' },
        { type: 'REPLACE_LRO' },
        { type: 'ALLOCATE_SIO' },
        { type: 'NAME_LRO' },
        { type: 'CLOSE' },
      ),
    );
    const recordArb: fc.Arbitrary<ReferralRecord> = fc.record({
      status: fc.constantFrom(...REFERRAL_STATUSES),
      ownerOrg: fc.constantFrom('WYP', 'SYP'),
      region: fc.constantFrom('YHROCU', 'NWROCU'),
      lroNamed: fc.option(fc.boolean(), { nil: undefined }),
      reassessmentDue: fc.option(fc.boolean(), { nil: undefined }),
    });
    const actorArb: fc.Arbitrary<Actor> = fc.record({
      sub: fc.constant('p'),
      name: fc.constant('P'),
      roles: fc.subarray([...ROLES]),
      org: fc.constantFrom('WYP', 'SYP', 'YHROCU', 'NWROCU'),
      region: fc.constantFrom('YHROCU', 'NWROCU', null),
    });
    fc.assert(
      fc.property(recordArb, eventArb, actorArb, (rec, event, actor) => {
        const result = transition(rec, event, actor);
        const available = availableActions(rec, actor);
        expect(result.ok).toBe(available.includes(event.type));
        if (result.ok) {
          // The only move out of a terminal state is the re-assessment of a closed referral, which stays closed.
          if (isTerminal(rec.status)) {
            expect(rec).toMatchObject({ status: 'CLOSED', reassessmentDue: true });
            expect(result).toEqual({ ok: true, from: 'CLOSED', to: 'CLOSED' });
          }
        } else {
          expect(result.allowedActions).toEqual(available);
        }
      }),
    );
  });
});

describe('ratifying or overturning an urgent decision (RATIFICATION)', () => {
  const chair: Actor = { sub: 'chair', name: 'Chair', roles: ['TTCG_CHAIR'], org: 'YHROCU', region: 'YHROCU' };
  const pending = (status: ReferralStatus) => ({
    status,
    ownerOrg: 'WYP',
    region: 'YHROCU',
    urgentDecisionPending: true,
  });
  const urgentDecisions = MEETING_DECISIONS.filter((decision) => decision !== 'DEFER');

  it('leaves the referral where the minuted decision puts it, for every urgent and every new decision', () => {
    for (const urgent of urgentDecisions) {
      const urgentStatus = referralStatusAfter(urgent);
      // The tasking may have moved on since an urgent adoption (SIO allocated, plan running).
      const since = urgentStatus === 'ADOPTED' ? (['ADOPTED', 'SIO_ALLOCATED', 'ACTIVE'] as const) : [urgentStatus];
      for (const status of since) {
        const ratified = transition(
          pending(status),
          { type: 'RATIFICATION', outcome: 'RATIFY', decision: urgent },
          chair,
        );
        expect(ratified).toMatchObject({ ok: true, to: status });
        for (const decision of MEETING_DECISIONS.filter((candidate) => candidate !== urgent)) {
          const overturned = transition(
            pending(status),
            { type: 'RATIFICATION', outcome: 'OVERTURN', decision },
            chair,
          );
          const minuted = referralStatusAfter(decision);
          expect(overturned).toMatchObject({
            ok: true,
            to: minuted === 'ADOPTED' && isAdoption(urgent) ? status : minuted,
          });
          if (!overturned.ok) continue;
          expect(standsTaskingDown(status, overturned.to)).toBe(isAdoption(urgent) && !isAdoption(decision));
        }
      }
    }
  });

  it('is refused once the urgent decision has been ruled on, and to anyone but a chair of the region', () => {
    const settled = { ...pending('DECLINED'), urgentDecisionPending: false };
    const event = { type: 'RATIFICATION', outcome: 'OVERTURN', decision: 'ADOPT_ROCU_LEAD' } as const;
    expect(transition(settled, event, chair)).toMatchObject({
      ok: false,
      refusal: 'NOT_ALLOWED_IN_STATE',
      reason: expect.stringContaining('awaits ratification'),
    });
    expect(transition(pending('DECLINED'), event, { ...chair, region: 'EMSOU', org: 'EMSOU' })).toMatchObject({
      ok: false,
      refusal: 'ROLE_NOT_ALLOWED',
    });
    expect(transition(pending('AWAITING_DECISION'), event, chair)).toMatchObject({ ok: false });
  });
});

describe('replacing the owners (REALLOCATE_SIO, REPLACE_LRO)', () => {
  const manager: Actor = { sub: 'm1', name: 'Manager', roles: ['ROCU_MANAGER'], org: 'YHROCU', region: 'YHROCU' };
  const otherManager: Actor = { ...manager, org: 'NWROCU', region: 'NWROCU' };
  const lro: Actor = { sub: 'lro-wyp', name: 'LRO', roles: ['LRO'], org: 'WYP', region: 'YHROCU' };

  it.each(['SIO_ALLOCATED', 'ACTIVE'] as const)(
    'lets the region’s ROCU manager reallocate the SIO in %s; the status stays',
    (status) => {
      expect(transition(record(status), { type: 'REALLOCATE_SIO' }, manager)).toEqual({
        ok: true,
        from: status,
        to: status,
      });
      expect(transition(record(status), { type: 'REALLOCATE_SIO' }, otherManager)).toMatchObject({
        refusal: 'ROLE_NOT_ALLOWED',
      });
    },
  );

  it.each([
    ['the referring force', referrer],
    ['its LRO', lro],
  ])('lets %s replace the LRO of an ACTIVE tasking', (_who, actor) => {
    expect(transition(record('ACTIVE'), { type: 'REPLACE_LRO' }, actor)).toEqual({
      ok: true,
      from: 'ACTIVE',
      to: 'ACTIVE',
    });
    expect(transition(record('ACTIVE'), { type: 'REPLACE_LRO' }, otherReferrer)).toMatchObject({
      refusal: 'ROLE_NOT_ALLOWED',
    });
  });

  it.each(['ADOPTED', 'AWAITING_DECISION', 'CLOSED'] as const)('refuses replacing owners in %s', (status) => {
    expect(transition(record(status), { type: 'REALLOCATE_SIO' }, manager)).toMatchObject({
      refusal: 'NOT_ALLOWED_IN_STATE',
    });
    expect(transition(record(status), { type: 'REPLACE_LRO' }, referrer)).toMatchObject({
      refusal: 'NOT_ALLOWED_IN_STATE',
    });
  });
});

describe('GAIN partner checks and disposals (issue 16)', () => {
  const gain: Actor = { sub: 'g1', name: 'GAIN', roles: ['GAIN_COORDINATOR'], org: 'YHROCU', region: 'YHROCU' };
  const otherGain: Actor = { ...gain, sub: 'g2', org: 'ERSOU', region: 'ERSOU' };
  const before = ['SUBMITTED', 'TRIAGE', 'INFO_REQUESTED', 'ASSESSMENT', 'AWAITING_DECISION', 'DEFERRED'] as const;

  it.each(before)('lets the GAIN co-ordinator of the region record a check in %s, keeping the status', (status) => {
    expect(transition(record(status), { type: 'RECORD_PARTNER_CHECK' }, gain)).toEqual({
      ok: true,
      from: status,
      to: status,
    });
    expect(transition(record(status), { type: 'DISPOSE_TO_PARTNER' }, gain)).toEqual({
      ok: true,
      from: status,
      to: 'REFERRED_PARTNER',
    });
    expect(availableActions(record(status), gain)).toEqual(['RECORD_PARTNER_CHECK', 'DISPOSE_TO_PARTNER']);
  });

  it.each([
    ['a GAIN co-ordinator of another region', otherGain],
    ['a regional assessor', assessor],
    ['the owning referrer', referrer],
  ])('refuses %s with ROLE_NOT_ALLOWED', (_who, actor) => {
    for (const type of ['RECORD_PARTNER_CHECK', 'DISPOSE_TO_PARTNER'] as const) {
      expect(transition(record('ASSESSMENT'), { type }, actor)).toMatchObject({
        ok: false,
        refusal: 'ROLE_NOT_ALLOWED',
      });
    }
  });

  it.each(['ADOPTED', 'ACTIVE', 'REFERRED_PARTNER', 'DECLINED', 'WITHDRAWN'] as const)(
    'refuses both once decided (%s)',
    (status) => {
      for (const type of ['RECORD_PARTNER_CHECK', 'DISPOSE_TO_PARTNER'] as const) {
        expect(transition(record(status), { type }, gain)).toMatchObject({
          ok: false,
          refusal: 'NOT_ALLOWED_IN_STATE',
        });
      }
    },
  );
});
