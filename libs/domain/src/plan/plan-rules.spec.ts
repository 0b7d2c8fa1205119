import { Actor } from '../roles';
import { DomainError } from '../errors/domain-error';
import { ACTION_STATUSES, PILLARS, PlanAction, PlanReview, SIGNIFICANCES } from './plan-types';
import {
  changeAction,
  checkPlanEditor,
  checkPlanRoom,
  utf8Length,
  PLAN_STATE_LIMIT_BYTES,
  planBalance,
  planRoleOf,
  reviewHeldThisCycle,
  signReview,
  reviewOverdue,
  reviewSignedBefore,
  reviewSpansOwnerChange,
} from './plan-rules';

const owners = {
  sio: { sub: 'sio-yhrocu-1', name: 'DCI Ashworth', org: 'YHROCU' },
  lro: { sub: 'lro-wyp', name: 'DI Bhatti', org: 'WYP' },
};
const sio: Actor = { sub: 'sio-yhrocu-1', name: 'DCI Ashworth', roles: ['SIO'], org: 'YHROCU', region: 'YHROCU' };
const lro: Actor = { sub: 'lro-wyp', name: 'DI Bhatti', roles: ['LRO'], org: 'WYP', region: 'YHROCU' };
const otherSio: Actor = { ...sio, sub: 'sio-yhrocu-2' };

/** Runs fn, expecting a DomainError, and returns it. */
function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

describe('planRoleOf', () => {
  it('gives the role of the named SIO or LRO acting in it', () => {
    expect(planRoleOf(sio, owners)).toBe('SIO');
    expect(planRoleOf(lro, owners)).toBe('LRO');
  });

  it('is null for anyone else, or the right person without the role', () => {
    expect(planRoleOf(otherSio, owners)).toBeNull();
    expect(planRoleOf({ ...sio, roles: ['ROCU_MANAGER'] }, owners)).toBeNull();
    // The LRO's sub with only the SIO role is not the plan's SIO.
    expect(planRoleOf({ ...lro, roles: ['SIO'] }, owners)).toBeNull();
    // The SIO's sub in another organisation is someone else.
    expect(planRoleOf({ ...sio, org: 'EMSOU', region: 'EMSOU' }, owners)).toBeNull();
  });
});

describe('checkPlanEditor', () => {
  it('returns the role of an owner on an open plan', () => {
    expect(checkPlanEditor(sio, owners, false)).toBe('SIO');
    expect(checkPlanEditor(lro, owners, false)).toBe('LRO');
  });

  it('refuses anyone else with ROLE_NOT_ALLOWED, open or closed', () => {
    expect(domainError(() => checkPlanEditor(otherSio, owners, false)).code).toBe('ROLE_NOT_ALLOWED');
    expect(domainError(() => checkPlanEditor({ ...lro, roles: ['FORCE_REFERRER'] }, owners, false)).code).toBe(
      'ROLE_NOT_ALLOWED',
    );
    expect(domainError(() => checkPlanEditor(otherSio, owners, true)).code).toBe('ROLE_NOT_ALLOWED');
  });

  it('refuses the owners on a closed plan with NOT_ALLOWED_IN_STATE', () => {
    const error = domainError(() => checkPlanEditor(sio, owners, true));
    expect(error.code).toBe('NOT_ALLOWED_IN_STATE');
    expect(error.details).toEqual({ state: 'CLOSED', allowedActions: [] });
    expect(domainError(() => checkPlanEditor(lro, owners, true)).code).toBe('NOT_ALLOWED_IN_STATE');
  });
});

describe('changeAction', () => {
  const action: PlanAction = {
    id: 'act-1',
    pillar: 'PURSUE',
    description: 'Execute warrants',
    ownerOrg: 'WYP',
    ownerName: 'DI Bhatti',
    partners: ['NCA'],
    dueAt: '2026-03-01T00:00:00.000Z',
    status: 'PLANNED',
    version: 3,
    createdBy: 'sio-yhrocu-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
  };
  const at = '2026-02-01T10:00:00.000Z';

  it('applies a change made against the current version, bumping the version and updatedAt', () => {
    const changed = changeAction(action, { status: 'ACTIVE', version: 3 }, at);
    expect(changed).toEqual({ ...action, status: 'ACTIVE', version: 4, updatedAt: at });
    expect(changed.createdAt).toBe(action.createdAt);
  });

  it('finishes an action with an outcome', () => {
    expect(changeAction(action, { status: 'COMPLETE', outcome: 'Two arrests', version: 3 }, at)).toMatchObject({
      status: 'COMPLETE',
      outcome: 'Two arrests',
      version: 4,
    });
    expect(changeAction(action, { status: 'ABANDONED', outcome: 'Target left UK', version: 3 }, at)).toMatchObject({
      status: 'ABANDONED',
      outcome: 'Target left UK',
    });
  });

  it('keeps the earlier outcome when the change gives none', () => {
    const withOutcome = { ...action, status: 'ACTIVE' as const, outcome: 'Interim: one arrest' };
    expect(changeAction(withOutcome, { status: 'COMPLETE', version: 3 }, at)).toMatchObject({
      status: 'COMPLETE',
      outcome: 'Interim: one arrest',
    });
    expect(changeAction(withOutcome, { status: 'COMPLETE', outcome: 'Final', version: 3 }, at).outcome).toBe('Final');
  });

  it('refuses a stale version with VERSION_CONFLICT and the current version, changing nothing', () => {
    const before = structuredClone(action);
    const error = domainError(() => changeAction(action, { status: 'ACTIVE', version: 2 }, at));
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error.details).toEqual({ currentVersion: 3 });
    expect(action).toEqual(before);
    expect(domainError(() => changeAction(action, { status: 'ACTIVE', version: 4 }, at)).code).toBe('VERSION_CONFLICT');
  });

  it.each(['COMPLETE', 'ABANDONED'] as const)('refuses any change to a %s action', (status) => {
    const finished = { ...action, status, outcome: 'Done' };
    const error = domainError(() => changeAction(finished, { status: 'ACTIVE', outcome: 'Reopen', version: 3 }, at));
    expect(error.code).toBe('NOT_ALLOWED_IN_STATE');
    expect(error.details).toMatchObject({ state: status });
  });

  it.each(['COMPLETE', 'ABANDONED'] as const)('refuses %s without an outcome, naming the field', (status) => {
    for (const outcome of [undefined, '']) {
      const error = domainError(() => changeAction(action, { status, outcome, version: 3 }, at));
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toEqual({
        errors: [expect.objectContaining({ field: 'outcome', code: 'required' })],
      });
    }
  });

  it('checks the version before anything else', () => {
    const finished = { ...action, status: 'COMPLETE' as const, outcome: 'Done' };
    expect(domainError(() => changeAction(finished, { status: 'ACTIVE', version: 1 }, at)).code).toBe(
      'VERSION_CONFLICT',
    );
  });
});

describe('signReview', () => {
  const sioSigner = { role: 'SIO' as const, sub: 'sio-yhrocu-1', name: 'DCI Ashworth' };
  const lroSigner = { role: 'LRO' as const, sub: 'lro-wyp', name: 'DI Bhatti' };
  const ids = () => {
    const newId = jest.fn<string, []>();
    newId.mockReturnValueOnce('rev-1').mockReturnValueOnce('rev-2');
    return newId;
  };

  it('opens a new review with the first signature', () => {
    const newId = ids();
    const review = signReview([], sioSigner, 'On track', '2026-02-01T09:00:00.000Z', newId);
    expect(review).toEqual({
      id: 'rev-1',
      openedAt: '2026-02-01T09:00:00.000Z',
      signatures: [{ ...sioSigner, summary: 'On track', signedAt: '2026-02-01T09:00:00.000Z' }],
    });
    expect(review.completedAt).toBeUndefined();
    expect(newId).toHaveBeenCalledTimes(1);
  });

  it('completes the open review when the other role signs, without a new id', () => {
    const newId = ids();
    const open = signReview([], lroSigner, 'Force view', '2026-02-01T09:00:00.000Z', newId);
    const done = signReview([open], sioSigner, 'Agreed', '2026-02-02T09:00:00.000Z', newId);
    expect(done).toEqual({
      id: 'rev-1',
      openedAt: '2026-02-01T09:00:00.000Z',
      signatures: [
        { ...lroSigner, summary: 'Force view', signedAt: '2026-02-01T09:00:00.000Z' },
        { ...sioSigner, summary: 'Agreed', signedAt: '2026-02-02T09:00:00.000Z' },
      ],
      completedAt: '2026-02-02T09:00:00.000Z',
    });
    expect(newId).toHaveBeenCalledTimes(1);
    expect(open.signatures).toHaveLength(1);
  });

  it('counts only signatures since the given (re)start: one from before neither completes nor blocks', () => {
    const newId = ids();
    const before = signReview([], lroSigner, 'Half-way', '2026-02-01T09:00:00.000Z', newId);
    const since = '2026-03-01T09:00:00.000Z';
    expect(reviewSignedBefore([before], since)).toBe(true);
    const bySio = signReview([before], sioSigner, 'Picked up', '2026-03-02T09:00:00.000Z', newId, { since });
    expect(bySio.completedAt).toBeUndefined();
    const done = signReview([bySio], lroSigner, 'Again', '2026-03-03T09:00:00.000Z', newId, { since });
    expect(done.completedAt).toBe('2026-03-03T09:00:00.000Z');
    expect(reviewSignedBefore([done], since)).toBe(false); // none open
    // Without the rule (histories from before it), the old signature completes it.
    expect(signReview([before], sioSigner, 'Picked up', '2026-03-02T09:00:00.000Z', newId).completedAt).toBeDefined();
  });

  it('refuses the same role signing the open review twice', () => {
    const newId = ids();
    const open = signReview([], sioSigner, 'On track', '2026-02-01T09:00:00.000Z', newId);
    const error = domainError(() => signReview([open], sioSigner, 'Again', '2026-02-01T10:00:00.000Z', newId));
    expect(error.code).toBe('NOT_ALLOWED_IN_STATE');
    expect(error.message).toContain('LRO');
    expect(newId).toHaveBeenCalledTimes(1);
  });

  it('opens a new review once the last one is complete', () => {
    const completed: PlanReview = {
      id: 'rev-0',
      openedAt: '2026-01-01T09:00:00.000Z',
      signatures: [
        { ...sioSigner, summary: 'a', signedAt: '2026-01-01T09:00:00.000Z' },
        { ...lroSigner, summary: 'b', signedAt: '2026-01-01T10:00:00.000Z' },
      ],
      completedAt: '2026-01-01T10:00:00.000Z',
    };
    const newId = ids();
    const next = signReview([completed], sioSigner, 'Month two', '2026-02-01T09:00:00.000Z', newId);
    expect(next).toMatchObject({ id: 'rev-1', openedAt: '2026-02-01T09:00:00.000Z' });
    expect(next.signatures).toHaveLength(1);
    expect(next.completedAt).toBeUndefined();
    // The open review is found among completed ones, whatever their order.
    const done = signReview([next, completed], lroSigner, 'Agreed', '2026-02-02T09:00:00.000Z', newId);
    expect(done).toMatchObject({ id: 'rev-1', completedAt: '2026-02-02T09:00:00.000Z' });
    expect(newId).toHaveBeenCalledTimes(1);
  });

  describe('after an owner is replaced', () => {
    const newSio = { role: 'SIO' as const, sub: 'sio-yhrocu-2', name: 'DCI Okafor' };
    const participant = ({ sub, name }: { sub: string; name: string }, org: string) => ({ sub, name, org });
    const owners = { sio: participant(newSio, 'YHROCU'), lro: participant(lroSigner, 'WYP') };
    const signedByTheFormerSio = () => signReview([], sioSigner, 'On track', '2026-02-01T09:00:00.000Z', ids());

    it("counts only the current owners' signatures: the former SIO's neither completes it nor blocks the new SIO", () => {
      const open = signedByTheFormerSio();
      expect(reviewSpansOwnerChange([open], owners)).toBe(true);
      const byLro = signReview([open], lroSigner, 'Force view', '2026-02-02T09:00:00.000Z', ids(), { owners });
      expect(byLro.completedAt).toBeUndefined();
      expect(byLro.signatures.map((signature) => signature.sub)).toEqual([sioSigner.sub, lroSigner.sub]);
      const bySio = signReview([byLro], newSio, 'Agreed', '2026-02-03T09:00:00.000Z', ids(), { owners });
      expect(bySio).toMatchObject({ id: 'rev-1', completedAt: '2026-02-03T09:00:00.000Z' });
      expect(bySio.signatures.map((signature) => signature.sub)).toEqual([sioSigner.sub, lroSigner.sub, newSio.sub]);
      // The new SIO has now signed: a second signature is refused as ever.
      const again = signReview([], newSio, 'On track', '2026-02-01T09:00:00.000Z', ids());
      expect(
        domainError(() => signReview([again], newSio, 'Again', '2026-02-01T10:00:00Z', ids(), { owners })).code,
      ).toBe('NOT_ALLOWED_IN_STATE');
    });

    it('completes a review both current owners signed while one was replaced for a time', () => {
      const formerOwners = { sio: participant(newSio, 'YHROCU'), lro: participant(lroSigner, 'WYP') };
      const byLro = signReview([signedByTheFormerSio()], lroSigner, 'Force view', '2026-02-02T09:00:00Z', ids(), {
        owners: formerOwners,
      });
      expect(byLro.completedAt).toBeUndefined();
      // The first SIO is given the tasking back: both current owners have signed the open review.
      const backAgain = { sio: participant(sioSigner, 'YHROCU'), lro: participant(lroSigner, 'WYP') };
      expect(reviewSpansOwnerChange([byLro], backAgain)).toBe(true);
      const done = signReview([byLro], sioSigner, 'Back on it', '2026-02-03T09:00:00Z', ids(), { owners: backAgain });
      expect(done.completedAt).toBe('2026-02-03T09:00:00Z');
      expect(reviewSpansOwnerChange([done], backAgain)).toBe(false);
    });

    it('keeps the rule of old histories when the owners are not given', () => {
      const open = signedByTheFormerSio();
      const byLro = signReview([open], lroSigner, 'Force view', '2026-02-02T09:00:00.000Z', ids());
      expect(byLro.completedAt).toBe('2026-02-02T09:00:00.000Z');
      expect(domainError(() => signReview([open], newSio, 'Agreed', '2026-02-03T09:00:00Z', ids())).code).toBe(
        'NOT_ALLOWED_IN_STATE',
      );
      expect(reviewSpansOwnerChange([byLro], owners)).toBe(false);
    });
  });
});

describe('planBalance', () => {
  it('has every pillar, status and significance at zero when there is nothing', () => {
    const balance = planBalance([]);
    expect(Object.keys(balance)).toEqual([...PILLARS]);
    for (const pillar of PILLARS) {
      expect(balance[pillar]).toEqual({
        actions: { PLANNED: 0, ACTIVE: 0, COMPLETE: 0, ABANDONED: 0, total: 0 },
        disruptions: { MAJOR: 0, MODERATE: 0, MINOR: 0, total: 0 },
      });
    }
    expect(Object.keys(balance.PURSUE.actions).sort()).toEqual([...ACTION_STATUSES, 'total'].sort());
    expect(Object.keys(balance.PURSUE.disruptions).sort()).toEqual([...SIGNIFICANCES, 'total'].sort());
  });

  it('places counts by pillar and kind, adding repeated keys and totals', () => {
    const balance = planBalance([
      { pillar: 'PURSUE', kind: 'ACTION', key: 'ACTIVE', count: 2 },
      { pillar: 'PURSUE', kind: 'ACTION', key: 'COMPLETE', count: 3 },
      { pillar: 'PURSUE', kind: 'ACTION', key: 'ACTIVE', count: 1 },
      { pillar: 'PURSUE', kind: 'DISRUPTION', key: 'MAJOR', count: 1 },
      { pillar: 'PREVENT', kind: 'DISRUPTION', key: 'MINOR', count: 4 },
    ]);
    expect(balance.PURSUE).toEqual({
      actions: { PLANNED: 0, ACTIVE: 3, COMPLETE: 3, ABANDONED: 0, total: 6 },
      disruptions: { MAJOR: 1, MODERATE: 0, MINOR: 0, total: 1 },
    });
    expect(balance.PREVENT).toEqual({
      actions: { PLANNED: 0, ACTIVE: 0, COMPLETE: 0, ABANDONED: 0, total: 0 },
      disruptions: { MAJOR: 0, MODERATE: 0, MINOR: 4, total: 4 },
    });
    expect(balance.PROTECT.actions.total + balance.PREPARE.disruptions.total).toBe(0);
  });

  it('keeps pillars independent (no shared buckets)', () => {
    const balance = planBalance([{ pillar: 'PREPARE', kind: 'ACTION', key: 'PLANNED', count: 5 }]);
    expect(balance.PREPARE.actions.PLANNED).toBe(5);
    for (const pillar of ['PURSUE', 'PREVENT', 'PROTECT'] as const) expect(balance[pillar].actions.PLANNED).toBe(0);
  });
});

describe('checkPlanRoom', () => {
  it('lets a change in while the plan stays within its limit, and refuses the one that would overflow it', () => {
    expect(() => checkPlanRoom(900, 100, 1000)).not.toThrow();
    expect(() => checkPlanRoom(900, 101, 1000)).toThrow(expect.objectContaining({ code: 'BUSINESS_RULE' }));
    expect(() => checkPlanRoom(0, PLAN_STATE_LIMIT_BYTES + 1)).toThrow(/full/);
  });
});

describe('utf8Length', () => {
  it.each(['', 'plain ascii', 'Café', 'Łódź — “quoted”', '平和', '👮 police 🚓', 'x'.repeat(1000)])(
    'agrees with Buffer for %p',
    (text) => {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
    },
  );
});

describe('one joint review per cycle (issue 13)', () => {
  const completed: PlanReview = {
    id: 'r1',
    openedAt: '2026-11-01T10:00:00Z',
    completedAt: '2026-11-02T10:00:00Z',
    signatures: [],
  };

  it('knows when the running cycle has had its review', () => {
    expect(reviewHeldThisCycle([], [])).toBe(false);
    expect(reviewHeldThisCycle([completed], [])).toBe(true);
    // A review missed since then began a cycle that has had none.
    expect(
      reviewHeldThisCycle([completed], [{ dueAt: '2026-12-02T10:00:00Z', recordedAt: '2026-12-02T10:00:01Z' }]),
    ).toBe(false);
    // Started again (reopened after a stand-down): the new cycle has had none; a review completed since counts.
    expect(reviewHeldThisCycle([completed], [], '2026-11-20T10:00:00.000Z')).toBe(false);
    expect(reviewHeldThisCycle([completed], [], '2026-11-01T10:00:00.000Z')).toBe(true);
  });

  it('refuses to open another review before the next one opens, and allows it from then', () => {
    const signer = { role: 'SIO' as const, sub: sio.sub, name: sio.name };
    const early = domainError(() =>
      signReview([completed], signer, 'Again', '2026-11-02T10:00:01Z', () => 'r2', {
        nextOpensAt: '2026-11-25T10:00:00Z',
      }),
    );
    expect(early.code).toBe('NOT_ALLOWED_IN_STATE');
    expect(early.message).toContain('2026-11-25T10:00:00Z');
    expect(
      signReview([completed], signer, 'Next', '2026-11-25T10:00:00Z', () => 'r2', {
        nextOpensAt: '2026-11-25T10:00:00Z',
      }),
    ).toMatchObject({ id: 'r2', signatures: [{ role: 'SIO' }] });
  });
});

describe('reviewOverdue', () => {
  const day = (n: number) => new Date(Date.UTC(2026, 1, n, 9));

  it('is overdue from a miss until a review is completed after it', () => {
    expect(reviewOverdue([], [day(10)], day(1))).toBe(true);
    expect(reviewOverdue([day(5)], [day(10)], day(1))).toBe(true);
    expect(reviewOverdue([day(12)], [day(10)], day(1))).toBe(false);
    expect(reviewOverdue([day(12)], [day(10), day(20)], day(1))).toBe(true);
  });

  it('is not overdue with nothing missed, nor for a miss before the plan reopened', () => {
    expect(reviewOverdue([day(5)], [], day(1))).toBe(false);
    expect(reviewOverdue([], [day(10)], day(15))).toBe(false);
  });
});
