import type { ReferralTransitionEvent } from '@rocu/contracts';
import { scoreAssessment, type Actor, type Participant } from '@rocu/domain';
import { planProjectionRepository } from '@rocu/persistence';
import { projectReferralTransition } from '../apps/worker/src/activities/referral-projectors';
import { WORKED_EXAMPLE } from './fixtures/worked-example';
import { insertReferralRow, useScratchDatabase, useScratchDataSource } from './support/scratch-database';

const person = (sub: string, org: string): Participant => ({ sub, name: `Officer ${sub}`, org });
const MANAGER: Actor = { ...person('manager', 'YHROCU'), roles: ['ROCU_MANAGER'], region: 'YHROCU' };
const LRO = person('lro-1', 'WYP');
const [SIO_1, SIO_2, SIO_3] = ['sio-1', 'sio-2', 'sio-3'].map((sub) => person(sub, 'YHROCU'));

/**
 * Each transition is projected by its own activity, and activities complete out of order: the referral and
 * its plan must name the owners of the latest transitions, whichever committed last.
 */
describe('the owners a referral and its plan name, with transitions projected out of order', () => {
  const scratch = useScratchDatabase('owners');
  const dataSource = useScratchDataSource(scratch);

  function transition(
    referralId: string,
    seq: number,
    fields: Partial<ReferralTransitionEvent>,
  ): ReferralTransitionEvent {
    return {
      workflowId: `referral-${referralId}`,
      referralId,
      seq,
      at: new Date(Date.UTC(2026, 10, 2, 9, seq)).toISOString(),
      from: 'ACTIVE',
      to: 'ACTIVE',
      action: 'TEST',
      actor: MANAGER,
      deadlines: [],
      pausedMs: 0,
      ...fields,
    };
  }
  const allocation = (officer: Participant) => ({
    officer,
    justification: 'Specialism and capacity',
    conflictDeclaration: { hasConflict: false },
  });
  const project = (event: ReferralTransitionEvent) =>
    dataSource.transaction((manager) => projectReferralTransition(manager, event));

  async function owners(referralId: string): Promise<unknown> {
    const { rows } = await scratch.pool.query(
      `SELECT r.sio_sub AS "sio", r.lro_sub AS "lro", p.sio_sub AS "planSio", p.lro_sub AS "planLro"
         FROM referrals r LEFT JOIN plans p ON p.referral_id = r.id WHERE r.id = $1`,
      [referralId],
    );
    return rows[0];
  }

  /** A plan change (numbered `seq`) as the plan's workflow projects it; an older workflow's says nothing of opening. */
  const advancePlan = (referralId: string, seq: number, nextReviewOpensAt?: string | null) =>
    dataSource.transaction((manager) =>
      planProjectionRepository.advancePlan(manager, {
        referralId,
        seq,
        nextReviewDueAt: '2027-01-04T09:00:00.000Z',
        ...(nextReviewOpensAt === undefined ? {} : { nextReviewOpensAt }),
      }),
    );

  /** An adopted referral's LRO named (seq 1), then its first SIO allocated, which starts the plan (seq 2). */
  async function namingAndAllocation(): Promise<{
    id: string;
    named: ReferralTransitionEvent;
    allocated: ReferralTransitionEvent;
  }> {
    const id = await insertReferralRow(scratch.pool, {
      region: 'YHROCU',
      ownerOrg: 'WYP',
      status: 'ADOPTED',
      urgency: 'ROUTINE',
    });
    return {
      id,
      named: transition(id, 1, { action: 'NAME_LRO', from: 'ADOPTED', to: 'ADOPTED', lro: LRO }),
      allocated: transition(id, 2, {
        action: 'ALLOCATE_SIO',
        from: 'ADOPTED',
        sioAllocation: allocation(SIO_1),
        planStarted: { sio: SIO_1, lro: LRO, nextReviewDueAt: '2026-12-02T09:00:00.000Z' },
      }),
    };
  }

  it('keeps the LRO named before an SIO allocation that was projected first', async () => {
    const { id, named, allocated } = await namingAndAllocation();
    await project(allocated);
    await project(named);
    expect(await owners(id)).toEqual({ sio: SIO_1.sub, lro: LRO.sub, planSio: SIO_1.sub, planLro: LRO.sub });
  });

  it('names the SIO of the latest reallocation on the referral and its plan when an earlier one commits last', async () => {
    const { id, named, allocated } = await namingAndAllocation();
    await project(named);
    await project(allocated);
    const reallocation = (seq: number, from: Participant, to: Participant) =>
      transition(id, seq, {
        action: 'REALLOCATE_SIO',
        sioAllocation: allocation(to),
        ownerChange: { role: 'SIO', from, to, reason: 'Workload' },
      });
    await project(reallocation(4, SIO_2, SIO_3));
    await project(reallocation(3, SIO_1, SIO_2));
    expect(await owners(id)).toEqual({ sio: SIO_3.sub, lro: LRO.sub, planSio: SIO_3.sub, planLro: LRO.sub });
  });

  it("keeps an assessment's score when a later transition of the referral commits first", async () => {
    const id = await insertReferralRow(scratch.pool, {
      region: 'YHROCU',
      ownerOrg: 'WYP',
      status: 'ASSESSMENT',
      urgency: 'ROUTINE',
    });
    const score = scoreAssessment(WORKED_EXAMPLE);
    const assessed = transition(id, 1, {
      action: 'ASSESS',
      from: 'ASSESSMENT',
      to: 'AWAITING_DECISION',
      assessment: { score, input: WORKED_EXAMPLE, route: 'TTCG', rationale: {} },
    });
    // A partner check recorded just after, whose projection happens to commit first.
    await project(
      transition(id, 2, { action: 'RECORD_PARTNER_CHECK', from: 'AWAITING_DECISION', to: 'AWAITING_DECISION' }),
    );
    await project(assessed);
    const { rows } = await scratch.pool.query(
      `SELECT priority, risk_score::float AS "riskScore" FROM referrals WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([{ priority: score.priority, riskScore: score.riskScore }]);
  });

  it('reopens the plan of a tasking adopted again after an overturn stood it down, and a retried start changes nothing', async () => {
    const { id, named, allocated } = await namingAndAllocation();
    await project(named);
    await project(allocated);
    // The plan's last cycle had its review: the next was not to open before the 20th.
    await advancePlan(id, 1, '2026-12-20T09:00:00.000Z');
    const planRow = async () =>
      (
        await scratch.pool.query(
          `SELECT sio_sub, next_review_due_at, next_review_opens_at, closed_at FROM plans WHERE referral_id = $1`,
          [id],
        )
      ).rows;
    await project(
      transition(id, 3, { action: 'RATIFICATION', to: 'DEFERRED', standDown: { reason: 'Overturned: capacity' } }),
    );
    expect(await planRow()).toEqual([expect.objectContaining({ sio_sub: SIO_1.sub, closed_at: expect.any(Date) })]);
    await project(transition(id, 4, { action: 'DECIDE', from: 'DEFERRED', to: 'ADOPTED' }));
    const reactivated = transition(id, 5, {
      action: 'ALLOCATE_SIO',
      from: 'ADOPTED',
      sioAllocation: allocation(SIO_2),
      planStarted: { sio: SIO_2, lro: LRO, nextReviewDueAt: '2027-01-04T09:00:00.000Z' },
    });
    await project(reactivated);
    // Reopened, its new cycle has had no review: one may open at once.
    const reopened = [
      {
        sio_sub: SIO_2.sub,
        next_review_due_at: new Date('2027-01-04T09:00:00.000Z'),
        next_review_opens_at: null,
        closed_at: null,
      },
    ];
    expect(await planRow()).toEqual(reopened);
    const outcome = await scratch.pool.query(`SELECT closure_outcome FROM referrals WHERE id = $1`, [id]);
    expect(outcome.rows).toEqual([{ closure_outcome: null }]);
    // The activity retried after its commit: the open plan is left as it is.
    await dataSource.transaction((manager) =>
      projectReferralTransition(manager, {
        ...reactivated,
        planStarted: { sio: SIO_3, lro: LRO, nextReviewDueAt: '2027-02-01T09:00:00.000Z' },
      }),
    );
    expect(await planRow()).toEqual(reopened);
  });

  it('keeps when the next joint review opens across a plan change that does not say, as an older workflow’s', async () => {
    const { id, named, allocated } = await namingAndAllocation();
    await project(named);
    await project(allocated);
    const opensAt = async () =>
      (await scratch.pool.query(`SELECT next_review_opens_at AS "at" FROM plans WHERE referral_id = $1`, [id])).rows;
    await advancePlan(id, 1, '2026-12-20T09:00:00.000Z');
    await advancePlan(id, 2);
    expect(await opensAt()).toEqual([{ at: new Date('2026-12-20T09:00:00.000Z') }]);
    await advancePlan(id, 3, null);
    expect(await opensAt()).toEqual([{ at: null }]);
  });
});
