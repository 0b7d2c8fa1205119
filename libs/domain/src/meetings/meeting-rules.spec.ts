import { Actor, ROLES } from '../roles';
import { ItemOutcome } from './deviation';
import { MEETING_DECISIONS } from './meeting-types';
import {
  ItemDecisionInput,
  MEETING_ACTIONS,
  MeetingRecord,
  attendanceAfter,
  availableMeetingActions,
  checkAttendanceSize,
  checkAttendanceRemoval,
  checkItemDecision,
  checkRatification,
  checkMeetingAction,
  checkMeetingDecision,
  checkMeetingRole,
  undecidedItems,
} from './meeting-rules';
import { MEETING_STATUSES, MeetingStatus } from './meeting-types';

const chair: Actor = { sub: 'c1', name: 'Chair', roles: ['TTCG_CHAIR'], org: 'YHROCU', region: 'YHROCU' };
const deputy: Actor = { ...chair, sub: 'c2', name: 'Deputy' };
const otherRegionChair: Actor = { ...chair, sub: 'c3', org: 'NWROCU', region: 'NWROCU' };
const nationalChair: Actor = { ...chair, sub: 'c4', org: 'NCA', region: null };
const member: Actor = { ...chair, sub: 'm1', roles: ['TTCG_MEMBER', 'ROCU_MANAGER'] };

const meeting = (status: MeetingStatus): MeetingRecord => ({
  id: 'M-2026-02',
  region: 'YHROCU',
  type: 'TTCG',
  status,
  chairSub: 'c1',
});

describe('checkMeetingAction', () => {
  it.each([
    ['RECORD_ATTENDANCE', 'SCHEDULED', true],
    ['RECORD_ATTENDANCE', 'AGENDA_FROZEN', true],
    ['RECORD_ATTENDANCE', 'CLOSED', false],
    ['DECIDE', 'SCHEDULED', false],
    ['DECIDE', 'AGENDA_FROZEN', true],
    ['DECIDE', 'CLOSED', false],
    ['CLOSE', 'SCHEDULED', false],
    ['CLOSE', 'AGENDA_FROZEN', true],
    ['CLOSE', 'CLOSED', false],
  ] as const)('a regional chair may %s when %s: %s', (action, status, ok) => {
    const result = checkMeetingAction(meeting(status), action, chair);
    expect(result.ok).toBe(ok);
    if (!result.ok) {
      expect(result.refusal).toBe('NOT_ALLOWED_IN_STATE');
      expect(result.reason).toContain(status);
    }
  });

  it('explains that decisions wait for a frozen agenda', () => {
    expect(checkMeetingAction(meeting('SCHEDULED'), 'DECIDE', chair)).toEqual({
      ok: false,
      refusal: 'NOT_ALLOWED_IN_STATE',
      reason: 'Meeting M-2026-02 is SCHEDULED: you can decide agenda items only when it is AGENDA_FROZEN.',
    });
  });

  it.each([
    ['a chair of another region', otherRegionChair],
    ['a chair with no region', nationalChair],
    ['a member or manager', member],
  ])('refuses %s on role before state', (_, actor) => {
    for (const action of MEETING_ACTIONS) {
      for (const status of MEETING_STATUSES) {
        const result = checkMeetingAction(meeting(status), action, actor);
        expect(result).toMatchObject({ ok: false, refusal: 'ROLE_NOT_ALLOWED' });
        if (!result.ok) expect(result.reason).toContain('only a TTCG chair of region YHROCU');
      }
    }
  });

  it('checks the role alone, without the state, for a caller to be refused before the request is read', () => {
    const region = { id: 'M-2026-02', region: 'YHROCU' };
    for (const action of MEETING_ACTIONS) {
      expect(checkMeetingRole(region, action, chair)).toEqual({ ok: true });
      expect(checkMeetingRole(region, action, member)).toEqual(
        checkMeetingAction(meeting('AGENDA_FROZEN'), action, member),
      );
    }
  });

  it('lets a deputy chair of the region act, not only the planned chair', () => {
    expect(checkMeetingAction(meeting('AGENDA_FROZEN'), 'DECIDE', deputy)).toEqual({ ok: true });
  });

  it('applies to covert commissioning meetings too', () => {
    expect(checkMeetingAction({ ...meeting('AGENDA_FROZEN'), type: 'COVERT_COMMISSIONING' }, 'DECIDE', chair).ok).toBe(
      true,
    );
  });
});

describe('attendanceAfter', () => {
  it('counts each person once: those recorded, those listed, less those removed', () => {
    const listed = (...subs: string[]) => subs.map((sub) => ({ sub }));
    expect(attendanceAfter(['a', 'b'], { attendees: listed('b', 'c') })).toBe(3);
    expect(attendanceAfter(['a', 'b'], { attendees: listed('c'), removed: ['a', 'x'] })).toBe(2);
    expect(attendanceAfter([], { attendees: [] })).toBe(0);
  });
});

describe('checkAttendanceSize', () => {
  const people = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `p${from + index}`);
  const listing = (subs: string[]) => ({ attendees: subs.map((sub) => ({ sub })) });

  it('lets an attendance reach 200 people and no further', () => {
    expect(checkAttendanceSize(people(199), listing(people(1, 199)))).toEqual({ ok: true });
    expect(checkAttendanceSize(people(200), listing(people(1, 200)))).toMatchObject({
      ok: false,
      refusal: 'NOT_ALLOWED_IN_STATE',
    });
  });

  it('lets an attendance already past the bound (two changes at once) stay or shrink, never grow', () => {
    expect(checkAttendanceSize(people(300), { attendees: [], removed: ['p0'] })).toEqual({ ok: true });
    expect(checkAttendanceSize(people(300), listing(people(3)))).toEqual({ ok: true });
    expect(checkAttendanceSize(people(300), listing(people(1, 300)))).toMatchObject({ ok: false });
  });
});

describe('checkAttendanceRemoval', () => {
  it('takes people off the attendance until the first decision, and then refuses', () => {
    expect(checkAttendanceRemoval(0, ['a'])).toEqual({ ok: true });
    expect(checkAttendanceRemoval(1, [])).toEqual({ ok: true }); // recording people is not removing them
    expect(checkAttendanceRemoval(1, ['a'])).toMatchObject({ ok: false, refusal: 'NOT_ALLOWED_IN_STATE' });
  });
});

describe('availableMeetingActions', () => {
  it('follows the status for the chair and is empty for others', () => {
    expect(availableMeetingActions(meeting('SCHEDULED'), chair)).toEqual(['RECORD_ATTENDANCE']);
    expect(availableMeetingActions(meeting('AGENDA_FROZEN'), chair)).toEqual(['RECORD_ATTENDANCE', 'DECIDE', 'CLOSE']);
    expect(availableMeetingActions(meeting('CLOSED'), chair)).toEqual([]);
    expect(availableMeetingActions(meeting('AGENDA_FROZEN'), otherRegionChair)).toEqual([]);
  });

  it('agrees with checkMeetingAction for every role, status and action', () => {
    for (const role of ROLES) {
      const actor: Actor = { ...chair, roles: [role] };
      for (const status of MEETING_STATUSES) {
        const allowed = MEETING_ACTIONS.filter((action) => checkMeetingAction(meeting(status), action, actor).ok);
        expect(availableMeetingActions(meeting(status), actor)).toEqual(allowed);
        if (role !== 'TTCG_CHAIR') expect(allowed).toEqual([]);
      }
    }
  });
});

describe('checkItemDecision', () => {
  const agenda = [
    { referralId: 'R-1', rank: 1 },
    { referralId: 'R-2', rank: 2 },
    { referralId: 'R-3', rank: 3 },
  ];
  const input = (overrides: Partial<ItemDecisionInput> = {}): ItemDecisionInput => ({
    agenda,
    outcomes: new Map<string, ItemOutcome>([['R-1', 'ADOPT_ROCU_LEAD']]),
    conflicts: new Map([['c1', ['R-3']]]),
    actor: chair,
    referralId: 'R-2',
    decision: 'ADOPT_ROCU_LEAD',
    ...overrides,
  });

  it('allows an in-order adoption', () => {
    expect(checkItemDecision(input())).toEqual({ ok: true, passedOver: [] });
  });

  it('refuses an item not on the agenda', () => {
    expect(checkItemDecision(input({ referralId: 'R-9' }))).toEqual({
      ok: false,
      refusal: 'NOT_ON_AGENDA',
      reason: "Referral R-9 is not on this meeting's agenda.",
      passedOver: [],
    });
  });

  it('refuses an item already decided', () => {
    const result = checkItemDecision(input({ referralId: 'R-1', decision: 'DEFER' }));
    expect(result).toMatchObject({ ok: false, refusal: 'ALREADY_DECIDED' });
    if (!result.ok)
      expect(result.reason).toBe('Referral R-1 has already been decided at this meeting (ADOPT_ROCU_LEAD).');
  });

  it('recuses a conflicted chair, whatever the decision, and lets a deputy decide', () => {
    for (const decision of ['ADOPT_ROCU_LEAD', 'DEFER', 'REFER_NATIONAL'] as const) {
      const result = checkItemDecision(input({ referralId: 'R-3', decision, deviationJustification: 'x' }));
      expect(result).toMatchObject({ ok: false, refusal: 'RECUSED' });
      if (!result.ok) expect(result.reason).toContain('recused');
    }
    expect(checkItemDecision(input({ referralId: 'R-3', decision: 'DEFER', actor: deputy }))).toEqual({
      ok: true,
      passedOver: [],
    });
  });

  it('a conflict on another item does not recuse', () => {
    expect(checkItemDecision(input({ referralId: 'R-2' })).ok).toBe(true);
  });

  it('requires a justification to adopt past a deferred or undecided item, and reports what was passed over', () => {
    const outcomes = new Map<string, ItemOutcome>([['R-1', 'DEFER']]);
    const result = checkItemDecision(input({ outcomes, referralId: 'R-3', actor: deputy }));
    expect(result).toEqual({
      ok: false,
      refusal: 'DEVIATION_NEEDS_JUSTIFICATION',
      reason:
        'Adopting referral R-3 passes over higher-ranked R-1 (rank 1, deferred), R-2 (rank 2, undecided); record a justification for the deviation.',
      passedOver: [
        { referralId: 'R-1', rank: 1, outcome: 'DEFER' },
        { referralId: 'R-2', rank: 2, outcome: 'UNDECIDED' },
      ],
    });
    expect(
      checkItemDecision(input({ outcomes, referralId: 'R-3', actor: deputy, deviationJustification: '   ' })).ok,
    ).toBe(false);
    expect(
      checkItemDecision(
        input({ outcomes, referralId: 'R-3', actor: deputy, deviationJustification: 'Imminent threat to a child.' }),
      ),
    ).toEqual({
      ok: true,
      passedOver: [
        { referralId: 'R-1', rank: 1, outcome: 'DEFER' },
        { referralId: 'R-2', rank: 2, outcome: 'UNDECIDED' },
      ],
    });
  });

  it('never needs a justification for a non-adoption', () => {
    expect(
      checkItemDecision(input({ outcomes: new Map(), referralId: 'R-2', decision: 'DECLINE_RETURN_TO_FORCE' })),
    ).toEqual({
      ok: true,
      passedOver: [],
    });
  });
});

describe('checkMeetingDecision', () => {
  const base: ItemDecisionInput = {
    agenda: [{ referralId: 'R-1', rank: 1 }],
    outcomes: new Map(),
    conflicts: new Map(),
    actor: chair,
    referralId: 'R-1',
    decision: 'DEFER',
  };

  it('checks the meeting before the item', () => {
    expect(checkMeetingDecision(meeting('SCHEDULED'), base)).toMatchObject({
      ok: false,
      refusal: 'NOT_ALLOWED_IN_STATE',
    });
    expect(checkMeetingDecision(meeting('AGENDA_FROZEN'), { ...base, actor: member })).toMatchObject({
      ok: false,
      refusal: 'ROLE_NOT_ALLOWED',
      passedOver: [],
    });
    expect(checkMeetingDecision(meeting('AGENDA_FROZEN'), base)).toEqual({ ok: true, passedOver: [] });
  });
});

describe('undecidedItems', () => {
  it('lists undecided items in rank order', () => {
    const agenda = [
      { referralId: 'B', rank: 2 },
      { referralId: 'A', rank: 1 },
      { referralId: 'C', rank: 3 },
    ];
    expect(undecidedItems(agenda, new Map([['B', 'DEFER']]))).toEqual([
      { referralId: 'A', rank: 1 },
      { referralId: 'C', rank: 3 },
    ]);
  });

  it('leaves out items settled elsewhere', () => {
    const agenda = [
      { referralId: 'A', rank: 1, settledElsewhere: true },
      { referralId: 'B', rank: 2, settledElsewhere: false },
    ];
    expect(undecidedItems(agenda, new Map()).map((item) => item.referralId)).toEqual(['B']);
  });
});

describe('checkRatification', () => {
  const urgentItem = { referralId: 'R-U', urgentDecision: 'ADOPT_ROCU_LEAD' as const };
  const newItem = { referralId: 'R-N' };

  it('decides a new item by its decision alone, and refuses a ratification on it', () => {
    expect(checkRatification(newItem, undefined, 'DEFER')).toEqual({ ok: true });
    expect(checkRatification(newItem, 'RATIFY', 'DEFER')).toMatchObject({ ok: false, refusal: 'RATIFICATION_RULE' });
  });

  it('needs RATIFY or OVERTURN on an urgent decision', () => {
    expect(checkRatification(urgentItem, undefined, 'DECLINE_RETURN_TO_FORCE')).toMatchObject({
      ok: false,
      refusal: 'RATIFICATION_RULE',
      reason: expect.stringContaining('ADOPT_ROCU_LEAD'),
    });
  });

  it('ratifies only the urgent decision itself, and overturns only with another', () => {
    expect(checkRatification(urgentItem, 'RATIFY', 'ADOPT_ROCU_LEAD')).toEqual({ ok: true });
    expect(checkRatification(urgentItem, 'RATIFY', 'DECLINE_RETURN_TO_FORCE')).toMatchObject({ ok: false });
    expect(checkRatification(urgentItem, 'OVERTURN', 'ADOPT_ROCU_LEAD')).toMatchObject({ ok: false });
    for (const decision of MEETING_DECISIONS.filter((candidate) => candidate !== 'ADOPT_ROCU_LEAD')) {
      expect(checkRatification(urgentItem, 'OVERTURN', decision)).toEqual({ ok: true });
    }
  });
});
