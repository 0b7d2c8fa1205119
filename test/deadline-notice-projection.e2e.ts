import type { DeadlineNotification } from '@rocu/contracts';
import { ReferralProjectionActivities } from '../apps/worker/src/activities/referral-projection.activities';
import { insertReferralRow, useScratchDatabase, useScratchDataSource } from './support/scratch-database';

/** A stage's reminder or escalation is projected once per deadline, however often its activity is retried. */
describe('deadline notices, projected', () => {
  const scratch = useScratchDatabase('notices');
  const dataSource = useScratchDataSource(scratch);

  it("tells a stage's deadline once, and tells a fresh deadline of the same stage again (a re-adopted tasking)", async () => {
    const id = await insertReferralRow(scratch.pool, {
      region: 'YHROCU',
      ownerOrg: 'WYP',
      status: 'ADOPTED',
      urgency: 'ROUTINE',
    });
    const activities = new ReferralProjectionActivities(dataSource);
    const escalation = (dueAt: string): DeadlineNotification => ({
      workflowId: `referral-${id}`,
      referralId: id,
      kind: 'ESCALATION',
      stage: 'ALLOCATION',
      dueAt,
      at: dueAt,
      region: 'YHROCU',
      deadlines: [],
    });
    await activities.recordDeadlineNotification(escalation('2026-03-04T11:00:00.000Z'));
    await activities.recordDeadlineNotification(escalation('2026-03-04T11:00:00.000Z')); // a retried activity
    await activities.recordDeadlineNotification(escalation('2026-03-17T11:00:00.000Z')); // the fresh clock's
    const { rows } = await scratch.pool.query(
      `SELECT payload->>'dueAt' AS "dueAt" FROM notifications WHERE referral_id = $1 AND kind = 'DEADLINE_ESCALATION'
        ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([{ dueAt: '2026-03-04T11:00:00.000Z' }, { dueAt: '2026-03-17T11:00:00.000Z' }]);
    const audited = await scratch.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'DEADLINE_ESCALATION'`,
      [id],
    );
    expect(audited.rows[0].n).toBe(2);
  });

  it('tells a decision returned by the NCA anew when its fresh clock falls due at the same instant', async () => {
    const id = await insertReferralRow(scratch.pool, {
      region: 'YHROCU',
      ownerOrg: 'WYP',
      status: 'AWAITING_DECISION',
      urgency: 'IMMEDIATE',
    });
    const activities = new ReferralProjectionActivities(dataSource);
    // An IMMEDIATE referral's decision is due by the end of the day, before it was sent national and after its return.
    const reminder = (nationalRound: number): DeadlineNotification => ({
      workflowId: `referral-${id}`,
      referralId: id,
      kind: 'REMINDER',
      stage: 'DECISION',
      dueAt: '2026-03-04T23:59:59.999Z',
      nationalRound,
      at: '2026-03-04T18:00:00.000Z',
      region: 'YHROCU',
      deadlines: [],
    });
    await activities.recordDeadlineNotification(reminder(0));
    await activities.recordDeadlineNotification(reminder(1));
    await activities.recordDeadlineNotification(reminder(1)); // a retried activity
    const { rows } = await scratch.pool.query(
      `SELECT count(*)::int AS n FROM notifications WHERE referral_id = $1 AND kind = 'DEADLINE_REMINDER'`,
      [id],
    );
    expect(rows[0].n).toBe(2);
    const audited = await scratch.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'DEADLINE_REMINDER'`,
      [id],
    );
    expect(audited.rows[0].n).toBe(2);
  });
});
