import { randomUUID } from 'node:crypto';
import { loadFrozenAgenda } from '@rocu/persistence';
import { insertReferralRow, useScratchDatabase, useScratchDataSource } from './support/scratch-database';

/**
 * A frozen agenda lists its ratifications (every one of rank 0) in the order their urgent decisions were
 * taken, whatever order the rows lie in the table: the meeting page and the minutes show that order.
 */
describe('the frozen agenda of a meeting', () => {
  const scratch = useScratchDatabase('agenda');
  const dataSource = useScratchDataSource(scratch);

  it('lists ratifications by the time of their urgent decision', async () => {
    const meetingId = randomUUID();
    await scratch.pool.query(
      `INSERT INTO meetings (id, workflow_id, region, type, status, scheduled_for, papers_close_at, created_at)
       VALUES ($1, $2, 'YHROCU', 'TTCG', 'AGENDA_FROZEN', now(), now(), now())`,
      [meetingId, `meeting-${meetingId}`],
    );
    const decidedAt = ['2026-11-02T10:00:00Z', '2026-11-01T10:00:00Z', '2026-11-03T10:00:00Z'];
    const referrals: string[] = [];
    for (const at of decidedAt) {
      const id = await insertReferralRow(scratch.pool, {
        region: 'YHROCU',
        ownerOrg: 'WYP',
        status: 'ADOPTED',
        urgency: 'IMMEDIATE',
      });
      await scratch.pool.query(
        `UPDATE referrals SET urgent_decision = 'ADOPT_SUPPORT_ONLY', urgent_decision_at = $2 WHERE id = $1`,
        [id, at],
      );
      // Written in the order given, which is not the order of the decisions.
      await scratch.pool.query(
        `INSERT INTO meeting_items (meeting_id, referral_id, kind, rank, priority, risk_score, breakdown, deferrals,
                                   listed_at, urgent_decision)
         VALUES ($1, $2, 'RATIFICATION', 0, 'P2', 50, '{}', 0, now(), 'ADOPT_SUPPORT_ONLY')`,
        [meetingId, id],
      );
      referrals.push(id);
    }
    const agenda = await loadFrozenAgenda(dataSource.manager, meetingId);
    expect(agenda.map((item) => item.referralId)).toEqual([referrals[1], referrals[0], referrals[2]]);
  });
});
