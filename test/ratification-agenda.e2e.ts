import { randomUUID } from 'node:crypto';
import { meetingWorkflowId } from '@rocu/contracts';
import type { Actor, ReferralStatus } from '@rocu/domain';
import { loadAgenda, referralProjectionRepository } from '@rocu/persistence';
import { projectReferralTransition } from '../apps/worker/src/activities/referral-projectors';
import { insertReferralRow, useScratchDatabase, useScratchDataSource } from './support/scratch-database';

/**
 * Which urgent decisions a TTCG's agenda lists for ratification: each one not yet ratified, while the
 * referral is where a ratification can still be decided (domain.md §6: the next meeting ratifies or overturns).
 */
describe('urgent decisions listed for ratification', () => {
  const scratch = useScratchDatabase('ratification');
  const dataSource = useScratchDataSource(scratch);
  const region = 'YHROCU';

  /** A referral scored for the TTCG, in `status`, with an urgent decision taken out of meeting. */
  async function urgentlyDecided(status: ReferralStatus, decision = 'ADOPT_ROCU_LEAD'): Promise<string> {
    const id = await insertReferralRow(scratch.pool, { region, ownerOrg: 'WYP', status, urgency: 'IMMEDIATE' });
    await scratch.pool.query(
      `INSERT INTO assessments (referral_id, seq, scheme_id, scheme_version, input, risk_score, priority, breakdown,
                                confidence, organisational_position_grade, recommendations, route, rationale,
                                assessed_by_sub, assessed_by_name, assessed_at)
       VALUES ($1, 1, 'morile-rocu', 1, '{}', 21.2, 'P2', '{}', 'HIGH', 'B', '[]', 'TTCG', '{}', 'a', 'A', now())`,
      [id],
    );
    await scratch.pool.query(`UPDATE referrals SET priority = 'P2', risk_score = 21.2 WHERE id = $1`, [id]);
    await decideUrgently(id, decision);
    return id;
  }
  const decideUrgently = (id: string, decision: string) =>
    referralProjectionRepository.markUrgentDecision(dataSource.manager, id, decision, new Date().toISOString());
  const listed = async (): Promise<string[]> =>
    (await loadAgenda(dataSource.manager, region, 'TTCG')).items
      .filter((item) => item.kind === 'RATIFICATION')
      .map((item) => item.referralId);

  it('lists a live urgent adoption and an urgent decline, not a tasking closed or withdrawn since', async () => {
    const active = await urgentlyDecided('ACTIVE');
    const declined = await urgentlyDecided('DECLINED', 'DECLINE_RETURN_TO_FORCE');
    const closed = await urgentlyDecided('CLOSED');
    const withdrawn = await urgentlyDecided('WITHDRAWN');
    const ratifications = await listed();
    expect(ratifications).toEqual(expect.arrayContaining([active, declined]));
    expect(ratifications).not.toContain(closed);
    expect(ratifications).not.toContain(withdrawn);
  });

  it('lists a second urgent decision again after the first was ratified', async () => {
    const referral = await urgentlyDecided('REFERRED_NATIONAL', 'REFER_NATIONAL');
    expect(await listed()).toContain(referral);
    const meetingId = randomUUID();
    await scratch.pool.query(
      `INSERT INTO meetings (id, workflow_id, region, type, status, scheduled_for, papers_close_at, created_at)
       VALUES ($1, $2, $3, 'TTCG', 'CLOSED', now(), now(), now())`,
      [meetingId, meetingWorkflowId(meetingId), region],
    );
    await referralProjectionRepository.settleUrgentDecision(dataSource.manager, referral, meetingId);
    expect(await listed()).not.toContain(referral);
    // The NCA returned it and the chair decided urgently again: that decision awaits its own ratification.
    await scratch.pool.query(`UPDATE referrals SET status = 'DECLINED' WHERE id = $1`, [referral]);
    await decideUrgently(referral, 'DECLINE_RETURN_TO_FORCE');
    expect(await listed()).toContain(referral);
  });

  it("settles with the referral's own projection of the meeting's decision, whatever the minutes record", async () => {
    const referral = await urgentlyDecided('ACTIVE');
    const meetingId = randomUUID();
    await scratch.pool.query(
      `INSERT INTO meetings (id, workflow_id, region, type, status, scheduled_for, papers_close_at, created_at)
       VALUES ($1, $2, $3, 'TTCG', 'AGENDA_FROZEN', now(), now(), now())`,
      [meetingId, meetingWorkflowId(meetingId), region],
    );
    const chair: Actor = { sub: 'chair', name: 'Chair', roles: ['TTCG_CHAIR'], org: region, region };
    await dataSource.transaction((manager) =>
      projectReferralTransition(manager, {
        workflowId: `referral-${referral}`,
        referralId: referral,
        seq: 1,
        at: new Date().toISOString(),
        from: 'ACTIVE',
        to: 'ACTIVE',
        action: 'RATIFICATION',
        actor: chair,
        deadlines: [],
        pausedMs: 0,
        taskingDecision: { decision: 'ADOPT_ROCU_LEAD', rationale: 'Ratified', meetingId },
      }),
    );
    expect(await listed()).not.toContain(referral);
    const { rows } = await scratch.pool.query('SELECT ratified_in_meeting FROM referrals WHERE id = $1', [referral]);
    expect(rows).toEqual([{ ratified_in_meeting: meetingId }]);
  });
});
