import type { DeadlineView } from '@rocu/contracts';
import { recordDeadlineNotice, upsertDeadlines } from '@rocu/persistence';
import { insertReferralRow, useScratchDatabase, useScratchDataSource } from './support/scratch-database';

const TRIAGE_DUE = '2026-12-01T12:00:00.000Z';
const ASSESSMENT_DUE = '2026-12-03T12:00:00.000Z';
const REMINDED = '2026-12-01T09:00:00.000Z';

/** The deadlines as the workflow sends them, with the triage stage as given. */
const views = (triage: Partial<DeadlineView>): DeadlineView[] => [
  { stage: 'TRIAGE', dueAt: TRIAGE_DUE, remindAt: '2026-12-01T09:00:00.000Z', status: 'PENDING', ...triage },
  { stage: 'ASSESSMENT', dueAt: ASSESSMENT_DUE, remindAt: '2026-12-03T06:00:00.000Z', status: 'PENDING' },
];

/**
 * A deadline's reminder or escalation is recorded by its own activity, which may commit before or after the
 * projection of a transition made meanwhile (each retries on its own). Whichever commits last, the read model
 * must show the transition's deadlines with the notice on them.
 */
describe('deadline notices and transitions committing in either order', () => {
  const scratch = useScratchDatabase('notices');
  const dataSource = useScratchDataSource(scratch);

  async function referralWithDeadlines(): Promise<string> {
    const id = await insertReferralRow(scratch.pool, {
      region: 'YHROCU',
      ownerOrg: 'WYP',
      status: 'SUBMITTED',
      urgency: 'ROUTINE',
    });
    await upsertDeadlines(dataSource.manager, id, views({}));
    return id;
  }

  async function shown(id: string): Promise<unknown> {
    const { rows: deadlines } = await scratch.pool.query(
      `SELECT stage, status, to_char(reminded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS reminded
         FROM referral_deadlines WHERE referral_id = $1 ORDER BY due_at`,
      [id],
    );
    const { rows } = await scratch.pool.query(`SELECT next_deadline_at FROM referrals WHERE id = $1`, [id]);
    return { deadlines, next: (rows[0].next_deadline_at as Date).toISOString() };
  }

  async function triageNotices(id: string): Promise<unknown> {
    const { rows } = await scratch.pool.query(
      `SELECT reminded_at, escalated_at FROM referral_deadlines WHERE referral_id = $1 AND stage = 'TRIAGE'`,
      [id],
    );
    return rows[0];
  }

  const afterBoth = {
    deadlines: [
      { stage: 'TRIAGE', status: 'MET', reminded: '2026-12-01T09:00' },
      { stage: 'ASSESSMENT', status: 'PENDING', reminded: null },
    ],
    next: ASSESSMENT_DUE,
  };

  it("keeps the transition's deadlines when the reminder's record commits after it", async () => {
    const id = await referralWithDeadlines();
    // Triage accepted (the stage met) and projected; then the reminder noted before it commits.
    await upsertDeadlines(dataSource.manager, id, views({ status: 'MET', remindedAt: REMINDED }));
    await recordDeadlineNotice(dataSource.manager, id, views({ remindedAt: REMINDED })[0]);
    expect(await shown(id)).toEqual(afterBoth);
  });

  it('keeps the reminder when the transition noted before it commits after its record', async () => {
    const id = await referralWithDeadlines();
    await recordDeadlineNotice(dataSource.manager, id, views({ remindedAt: REMINDED })[0]);
    await upsertDeadlines(dataSource.manager, id, views({ status: 'MET' }));
    expect(await shown(id)).toEqual(afterBoth);
  });

  it('starts a deadline a pause moved afresh, and does not put a notice of the old one on it', async () => {
    const id = await referralWithDeadlines();
    await recordDeadlineNotice(dataSource.manager, id, views({ remindedAt: REMINDED })[0]);
    const moved = { dueAt: '2026-12-02T12:00:00.000Z', remindAt: '2026-12-02T09:00:00.000Z' };
    await upsertDeadlines(dataSource.manager, id, views(moved));
    await recordDeadlineNotice(dataSource.manager, id, views({ escalatedAt: TRIAGE_DUE })[0]);
    expect(await triageNotices(id)).toEqual({ reminded_at: null, escalated_at: null });
  });

  it('starts afresh a clock due at the same instant from a later start, and tells its own notices on it', async () => {
    const id = await referralWithDeadlines();
    await recordDeadlineNotice(dataSource.manager, id, views({ remindedAt: REMINDED, escalatedAt: TRIAGE_DUE })[0]);
    // As an IMMEDIATE decision returned by the NCA: due at the same end of day, reminded later.
    const fresh = { remindAt: '2026-12-01T11:00:00.000Z' };
    await upsertDeadlines(dataSource.manager, id, views(fresh));
    await recordDeadlineNotice(dataSource.manager, id, views({ escalatedAt: TRIAGE_DUE })[0]); // the old clock's, late
    expect(await triageNotices(id)).toEqual({ reminded_at: null, escalated_at: null });
    await recordDeadlineNotice(dataSource.manager, id, views({ ...fresh, remindedAt: '2026-12-01T11:00:00.000Z' })[0]);
    expect(await triageNotices(id)).toEqual({ reminded_at: new Date('2026-12-01T11:00:00.000Z'), escalated_at: null });
  });
});
