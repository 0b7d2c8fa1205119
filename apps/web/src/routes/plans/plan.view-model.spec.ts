import type { ActionStatus, PlanRole } from '@rocu/domain';
import type { Plan, PlanAction } from './plan-api';
import { ownerRole, planView } from './plan.view-model';

const action = (id: string, status: ActionStatus): PlanAction => ({
  id,
  pillar: 'PURSUE',
  description: `Action ${id}`,
  ownerOrg: 'WYP',
  ownerName: 'DS Owner',
  partners: [],
  dueAt: '2027-01-31T17:00:00.000Z',
  status,
  outcome: null,
  version: 1,
  createdBy: 'sio-yhrocu-1',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
});

const counts = (actions: number, disruptions: number) => ({
  actions: { total: actions },
  disruptions: { total: disruptions },
});

const plan = (overrides: Partial<Plan> = {}): Plan => ({
  referralId: 'r',
  status: 'OPEN',
  sio: { sub: 'sio-yhrocu-1', name: 'DCI Bhatti' },
  lro: { sub: 'lro-wyp', name: 'DI Clarke', org: 'WYP' },
  startedAt: '2026-12-01T10:00:00.000Z',
  nextReviewDueAt: '2027-01-01T10:00:00.000Z',
  nextReviewOpensAt: null,
  reviewOverdue: false,
  actions: [action('a', 'ACTIVE'), action('b', 'COMPLETE')],
  disruptions: [],
  reviews: [],
  balance: { PURSUE: counts(2, 0), PREVENT: counts(0, 0), PROTECT: counts(1, 4), PREPARE: counts(0, 0) },
  ...overrides,
});

const person = (sub: string, roles: ('SIO' | 'LRO' | 'FORCE_REFERRER')[], org: string) => ({
  sub,
  name: sub,
  roles,
  org,
  orgName: org,
});

describe('ownerRole', () => {
  it('is the named SIO or LRO acting in that role (the LRO in their force), nobody else', () => {
    expect(ownerRole(plan(), person('sio-yhrocu-1', ['SIO'], 'YHROCU'))).toBe('SIO');
    expect(ownerRole(plan(), person('lro-wyp', ['LRO'], 'WYP'))).toBe('LRO');
    expect(ownerRole(plan(), person('lro-wyp', ['LRO'], 'SYP'))).toBeUndefined();
    expect(ownerRole(plan(), person('sio-yhrocu-1', ['FORCE_REFERRER'], 'YHROCU'))).toBeUndefined();
    expect(ownerRole(plan(), person('sio-yhrocu-2', ['SIO'], 'YHROCU'))).toBeUndefined();
    expect(ownerRole(plan(), undefined)).toBeUndefined();
  });
});

describe('planView', () => {
  const sio = person('sio-yhrocu-1', ['SIO'], 'YHROCU');

  it('offers its owners a change of each unfinished action while the plan is open', () => {
    const changes = (view: ReturnType<typeof planView>) =>
      view.pillars[0].actions.map((shown) => [shown.id, shown.changeHref]);
    expect(changes(planView(plan(), 'REF', sio))).toEqual([
      ['a', '/referrals/r/plan/actions/a'],
      ['b', ''],
    ]);
    expect(changes(planView(plan({ status: 'CLOSED' }), 'REF', sio))).toEqual([
      ['a', ''],
      ['b', ''],
    ]);
    expect(planView(plan({ status: 'CLOSED' }), 'REF', sio).editable).toBe(false);
    expect(changes(planView(plan(), 'REF', person('x', ['FORCE_REFERRER'], 'WYP')))).toEqual([
      ['a', ''],
      ['b', ''],
    ]);
  });

  it('draws each pillar’s actions and disruptions to the scale of the largest count', () => {
    const view = planView(plan(), 'REF', sio);
    expect(view.balance.map((row) => [row.pillar, row.actions, row.disruptions])).toEqual([
      ['Pursue', 2, 0],
      ['Prevent', 0, 0],
      ['Protect', 1, 4],
      ['Prepare', 0, 0],
    ]);
    expect(view.balance.map((row) => row.bars.map((bar) => bar.width))).toEqual([
      [150, 0],
      [0, 0],
      [75, 300],
      [0, 0],
    ]);
  });

  it('names who has still to sign the open review, and lists completed reviews newest first', () => {
    const signature = (role: PlanRole) => ({
      role,
      sub: role,
      name: role,
      summary: 's',
      signedAt: '2026-12-02T10:00:00Z',
    });
    const reviews = [
      {
        id: '1',
        openedAt: '2026-12-01',
        signatures: [signature('SIO'), signature('LRO')],
        complete: true,
        completedAt: '2026-12-01',
      },
      {
        id: '2',
        openedAt: '2026-12-02',
        signatures: [signature('SIO'), signature('LRO')],
        complete: true,
        completedAt: '2026-12-02',
      },
      { id: '3', openedAt: '2026-12-03', signatures: [signature('LRO')], complete: false, completedAt: null },
    ];
    const view = planView(plan({ reviews }), 'REF', sio);
    expect(view.openReview?.waitingFor).toEqual(['SIO']);
    expect(view.completedReviews.map((review) => review.id)).toEqual(['2', '1']);
  });

  it('offers the joint review to an owner until they have signed the open one', () => {
    const lro = person('lro-wyp', ['LRO'], 'WYP');
    const signedByLro = {
      id: '3',
      openedAt: '2026-12-03',
      signatures: [{ role: 'LRO' as const, sub: 'lro-wyp', name: 'DI Clarke', summary: 's', signedAt: '2026-12-03' }],
      complete: false,
      completedAt: null,
    };
    expect(planView(plan(), 'REF', lro).canSign).toBe(true);
    expect(planView(plan({ reviews: [signedByLro] }), 'REF', lro).canSign).toBe(false);
    expect(planView(plan({ reviews: [signedByLro] }), 'REF', sio).canSign).toBe(true);
    expect(planView(plan({ reviews: [signedByLro] }), 'REF', person('x', ['FORCE_REFERRER'], 'WYP')).canSign).toBe(
      false,
    );
  });

  it('does not offer a new joint review before the API opens one, once this cycle has had its review', () => {
    const completed = {
      id: '4',
      openedAt: '2026-12-02',
      signatures: [],
      complete: true,
      completedAt: '2026-12-03T10:00:00.000Z',
    };
    const held = plan({ reviews: [completed], nextReviewOpensAt: '2026-12-26T10:00:00.000Z' });
    const before = planView(held, 'REF', sio, {}, new Date('2026-12-26T09:59:59.999Z'));
    expect(before).toMatchObject({ canSign: false, reviewOpensAt: '2026-12-26T10:00:00.000Z' });
    expect(planView(held, 'REF', sio, {}, new Date('2026-12-26T10:00:00.000Z'))).toMatchObject({
      canSign: true,
      reviewOpensAt: undefined,
    });
    // A review already open (opened by the other owner once allowed) is signed whatever the read model says.
    const open = { ...completed, id: '5', complete: false, completedAt: null };
    expect(planView({ ...held, reviews: [completed, open] }, 'REF', sio, {}, new Date('2026-12-04')).canSign).toBe(
      true,
    );
  });
});
