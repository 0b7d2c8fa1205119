import type { Minutes } from '@rocu/contracts';
import { agendaItem, decisionRecord, frozenMeeting } from './meeting-detail.fixture';
import {
  attendanceView,
  decisionRefusal,
  meetingView,
  minutesView,
  pagination,
  urgentDecisionView,
} from './meetings.view-model';

describe('pagination', () => {
  it('offers previous and next pages within the list, and nothing for a single page', () => {
    expect(pagination({ page: 1, pageSize: 50, total: 50 }, '/meetings')).toBeUndefined();
    expect(pagination({ page: 1, pageSize: 50, total: 51 }, '/meetings')).toEqual({
      next: { href: '/meetings?page=2' },
    });
    expect(pagination({ page: 2, pageSize: 50, total: 151 }, '/meetings')).toEqual({
      previous: { href: '/meetings?page=1' },
      next: { href: '/meetings?page=3' },
    });
    expect(pagination({ page: 4, pageSize: 50, total: 151 }, '/meetings')).toEqual({
      previous: { href: '/meetings?page=3' },
    });
  });
});

describe('decisionRefusal', () => {
  const refused = (code: string | undefined, detail: string) => ({
    path: '/meetings/m/items/r/decision',
    problem: { status: 409, detail, code },
    values: {},
  });

  it('shows a session refusal as a banner sending the chair to record attendance, not as a form error', () => {
    for (const code of ['NOT_IN_SESSION', 'NOT_QUORATE']) {
      expect(decisionRefusal(refused(code, 'The meeting is not quorate: absent SYP.'), 'm')).toStrictEqual({
        errors: undefined,
        sessionRefusal: { detail: 'The meeting is not quorate: absent SYP.', attendanceHref: '/meetings/m/attendance' },
      });
    }
  });

  it('shows any other refusal as the error summary, and nothing when nothing was refused', () => {
    const other = decisionRefusal(refused('ALREADY_DECIDED', 'Already decided.'), 'm');
    expect(other.sessionRefusal).toBeUndefined();
    expect(other.errors?.errorList).toEqual([{ text: 'Already decided.', href: '#main-content' }]);
    expect(decisionRefusal(undefined, 'm')).toEqual({});
  });
});

describe('urgentDecisionView', () => {
  const awaiting = {
    id: 'r',
    reference: 'YH-1',
    status: 'AWAITING_DECISION',
    urgency: 'IMMEDIATE',
    region: 'YHROCU',
    ownerOrg: 'NCA',
    classification: 'OFFICIAL_SENSITIVE',
    subjectType: 'OCG',
    subjectName: 'S',
    priority: 'P1',
    riskScore: 40,
    submittedAt: '2026-12-01T09:00:00Z',
    updatedAt: '2026-12-01T09:00:00Z',
    nextDeadlineAt: null,
  } as const;

  it("does not offer to decline the NCA's tasking request: only a meeting declines one", () => {
    const offered = (origin: 'REFERRAL' | 'NCA_TASKING') =>
      urgentDecisionView({ ...awaiting, origin }).decisions.map((option) => option.value);
    expect(offered('NCA_TASKING')).not.toContain('DECLINE_RETURN_TO_FORCE');
    expect(offered('NCA_TASKING')).toContain('ADOPT_ROCU_LEAD');
    expect(offered('REFERRAL')).toContain('DECLINE_RETURN_TO_FORCE');
  });

  it('does not offer DEFER: an urgent decision is taken because the case cannot wait', () => {
    const view = urgentDecisionView({ ...awaiting, ownerOrg: 'WYP' });
    expect(view.decisions.map((option) => option.value)).not.toContain('DEFER');
    expect(view.decisions.map((option) => option.value)).toContain('REFER_NATIONAL');
  });
});

describe('minutesView', () => {
  const minutesOf = (items: Minutes['items']) =>
    minutesView({
      meeting: { id: 'm', region: 'YHROCU', type: 'TTCG', status: 'CLOSED', scheduledFor: '2026-12-02T10:00:00Z' },
      classification: 'OFFICIAL',
      attendees: [],
      items,
    });
  const item = (decision: string, ratification: Minutes['items'][number]['ratification']) => ({
    rank: 0,
    kind: 'RATIFICATION',
    reference: 'YH-1',
    priority: 'P1',
    riskScore: 40,
    decision,
    ratification,
    onwardReference: null,
    rationale: 'r',
    decidedBy: 'Chair',
    deviation: null,
    recused: [],
    settledElsewhere: false,
  });

  it('names each attendee with their organisation in words, as the meeting page does', () => {
    const view = minutesView({
      ...minutesOf([]).minutes,
      attendees: [{ sub: 'member-wyp', name: 'DCI Member', org: 'WYP', declaredConflicts: [] }],
    });
    expect(view.minutes.attendees.map((attendee) => attendee.org)).toEqual(['West Yorkshire Police']);
  });

  it('says an undecided item rolls to the next meeting, unless it was settled elsewhere', () => {
    const undecided = { ...item('DEFER', null), kind: 'NEW', decision: null };
    const view = minutesOf([undecided, { ...undecided, settledElsewhere: true }]);
    expect(view.items.map((each) => each.decisionText)).toEqual([
      'Undecided (rolls to the next meeting)',
      'Settled elsewhere (withdrawn or decided outside the meeting)',
    ]);
  });

  it('says whether each urgent decision was ratified or overturned, and what it was', () => {
    const view = minutesOf([
      item('ADOPT_ROCU_LEAD', { outcome: 'RATIFY', overturned: null }),
      item('ADOPT_SUPPORT_ONLY', { outcome: 'OVERTURN', overturned: 'DECLINE_RETURN_TO_FORCE' }),
      { ...item('DEFER', null), kind: 'NEW', rank: 1 },
    ]);
    expect(view.items.map((each) => each.decisionText)).toEqual([
      'Ratified: Adopt: ROCU lead',
      'Overturned (was Decline: return to force): Adopt: support only',
      'Defer to the next meeting',
    ]);
  });

  it("names an NCA tasking request and the national priority an item serves, and none for the region's own", () => {
    const view = minutesOf([
      { ...item('DECLINE_RETURN_TO_FORCE', null), origin: 'NCA_TASKING', nationalPriority: 'COUNTY_LINES' },
      { ...item('ADOPT_ROCU_LEAD', null), nationalPriority: 'FIREARMS' },
      item('DEFER', null),
    ]);
    expect(view.items.map((each) => each.nationalText)).toEqual([
      'NCA tasking request, national priority COUNTY_LINES',
      'national priority FIREARMS',
      '',
    ]);
  });
});

describe('meetingView', () => {
  const meeting = frozenMeeting(
    [agendaItem('withdrawn', 1, { settledElsewhere: true }), agendaItem('open', 2)],
    [],
    ['DECIDE', 'CLOSE'],
  );

  it('offers no decision on an item settled elsewhere, says why, and does not count it as left undecided', () => {
    const view = meetingView(meeting);
    expect(
      view.newItems.map(({ reference, decideHref, settledElsewhere }) => ({ reference, decideHref, settledElsewhere })),
    ).toEqual([
      {
        reference: 'WITHDRAWN',
        decideHref: undefined,
        settledElsewhere: 'No longer for this meeting: the referral was withdrawn or decided outside it',
      },
      { reference: 'OPEN', decideHref: '/meetings/m/items/open/decision', settledElsewhere: undefined },
    ]);
    expect(view.undecided).toEqual(['OPEN']);
  });
});

describe('attendanceView', () => {
  const ann = { sub: 'ann', name: 'Ann', org: 'WYP', conflicts: [] };
  const carol = { sub: 'carol', name: 'Carol', org: 'SYP', conflicts: [] };
  const meeting = { ...frozenMeeting([]), attendees: [ann, carol] };

  it('names who is recorded as the form is first shown, each with a row', () => {
    const view = attendanceView(meeting, undefined, undefined);
    expect(view.recorded).toEqual(['ann', 'carol']);
    expect(view.rows.map((row) => row.sub)).toEqual(['ann', 'carol']);
  });

  it('keeps who was recorded when it was first shown through round trips, not who is recorded now', () => {
    // Carol was recorded by another chair after this form was shown: saving it must not remove her.
    const view = attendanceView(meeting, undefined, { rows: [ann], recorded: ['ann'] });
    expect(view.recorded).toEqual(['ann']);
    expect(view.rows.map((row) => row.sub)).toEqual(['ann']);
  });

  it('offers the agenda items and the live taskings under review as conflicts to declare', () => {
    const reviewing = {
      ...frozenMeeting([agendaItem('new', 1)]),
      reviews: [{ referralId: 'live', reference: 'YH-LIVE', status: 'ACTIVE', priority: 'P1' }],
    };
    expect(attendanceView(reviewing, undefined, undefined).items.map((item) => item.value)).toEqual(['new', 'live']);
    // An urgent adoption awaiting ratification is both on the agenda and under review: offered once.
    const ratifying = { ...reviewing, reviews: [...reviewing.reviews, { ...reviewing.reviews[0], referralId: 'new' }] };
    expect(attendanceView(ratifying, undefined, undefined).items.map((item) => item.value)).toEqual(['new', 'live']);
    const onlyReviews = { ...reviewing, agenda: [] };
    expect(attendanceView(onlyReviews, undefined, undefined).items).toEqual([{ value: 'live', text: 'YH-LIVE (P1)' }]);
  });

  it('offers to remove anyone until a decision is recorded, and then only rows not yet recorded', () => {
    const removable = (view: ReturnType<typeof attendanceView>) => view.rows.map((row) => [row.sub, row.removable]);
    expect(removable(attendanceView(meeting, undefined, undefined))).toEqual([
      ['ann', true],
      ['carol', true],
    ]);
    const decided = { ...frozenMeeting([agendaItem('r', 1)], [decisionRecord('r')]), attendees: [ann, carol] };
    const dave = { sub: 'dave', name: 'Dave', org: 'NYP', conflicts: [] };
    const draft = { rows: [ann, carol, dave], recorded: ['ann', 'carol'] };
    expect(removable(attendanceView(decided, undefined, draft))).toEqual([
      ['ann', false],
      ['carol', false],
      ['dave', true],
    ]);
  });
});
