import { randomUUID } from 'node:crypto';
import { deviationQueries, loadFrozenAgenda } from '@rocu/persistence';
import { insertReferralRow, useScratchDatabase, useScratchDataSource } from './support/scratch-database';

/** What the meeting pages, the minutes and the deviation report read, at their edges. */
describe("a region's meetings as read from the read model", () => {
  const scratch = useScratchDatabase('meetings');
  const dataSource = useScratchDataSource(scratch);

  async function meetingIn(region: string): Promise<string> {
    const meetingId = randomUUID();
    await scratch.pool.query(
      `INSERT INTO meetings (id, workflow_id, region, type, status, scheduled_for, papers_close_at, created_at)
       VALUES ($1, $2, $3, 'TTCG', 'AGENDA_FROZEN', now(), now(), now())`,
      [meetingId, `meeting-${meetingId}`, region],
    );
    return meetingId;
  }

  const adoptedIn = (region: string) =>
    insertReferralRow(scratch.pool, { region, ownerOrg: 'WYP', status: 'ADOPTED', urgency: 'IMMEDIATE' });

  // Every ratification has rank 0: the meeting page and the minutes show them in the order they were decided.
  it("lists a frozen agenda's ratifications by the time of their urgent decision, whatever order the rows lie in", async () => {
    const meetingId = await meetingIn('YHROCU');
    const decidedAt = ['2026-11-02T10:00:00Z', '2026-11-01T10:00:00Z', '2026-11-03T10:00:00Z'];
    const referrals: string[] = [];
    for (const at of decidedAt) {
      const id = await adoptedIn('YHROCU');
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

  it('counts a departure from the ranking in the UK month it was decided in', async () => {
    const meetingId = await meetingIn('ERSOU');
    // 23:30 UTC on 31 May is 00:30 BST on 1 June; 23:30 UTC on 30 November is still 30 November in the UK.
    for (const decidedAt of ['2026-05-31T23:30:00Z', '2026-11-30T23:30:00Z']) {
      const id = await adoptedIn('ERSOU');
      await scratch.pool.query(
        `INSERT INTO meeting_decisions (meeting_id, referral_id, seq, decision, rationale, deviation_justification,
                                        passed_over, ratification, decided_by_sub, decided_by_name, decided_at)
         VALUES ($1, $2, 1, 'ADOPT_ROCU_LEAD', 'Adopted', 'Intelligence gap', '["other"]', false, 'chair', 'Chair', $3)`,
        [meetingId, id, decidedAt],
      );
    }
    expect(await deviationQueries.byMonth(dataSource, 'ERSOU')).toEqual([
      { month: '2026-06', deviations: 1 },
      { month: '2026-11', deviations: 1 },
    ]);
  });
});
