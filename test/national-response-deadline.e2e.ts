import { eventually } from './support/referral-fixtures';
import { referredNational } from './support/national-fixtures';
import { Stack } from './support/stack';
import { ok } from './support/tasking-fixtures';

/** The NCA's answer due 6 s after a referral is sent national, reminded at 3 s (a window that holds on a busy machine). */
const RESPONSE_POLICY = { due: { elapsedMs: 6_000 }, reminderFraction: 0.5 };

interface QueueItem {
  id: string;
  responseDueAt: string;
  overdue: boolean;
}

/** Issue 16: the NCA's answer to a referral sent national has a deadline, reminded and escalated like the others. */
describe("national queue: the NCA's answer has a deadline", () => {
  let stack: Stack;
  let nca: string;

  beforeAll(async () => {
    stack = await Stack.start({ env: { NATIONAL_RESPONSE_POLICY_JSON: JSON.stringify(RESPONSE_POLICY) } });
    nca = await stack.token(['NCA_LIAISON'], 'NCA', 'nca-liaison');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const notices = async (referralId: string) =>
    (
      await stack.db.query<{ kind: string; recipient_role: string; recipient_org: string; n: number }>(
        `SELECT kind, recipient_role, recipient_org, count(*)::int AS n FROM notifications
          WHERE referral_id = $1 AND kind LIKE 'NATIONAL_RESPONSE_%'
          GROUP BY kind, recipient_role, recipient_org ORDER BY kind, recipient_role`,
        [referralId],
      )
    ).rows;

  it('reminds the NCA, then escalates to the NCA and the region once, and the queue shows it overdue', async () => {
    const id = await referredNational(stack);
    const queued = await eventually(async () => {
      const queue = await ok('queue', stack.http.get<{ items: QueueItem[] }>('/national/queue', nca));
      const item = queue.items.find((each) => each.id === id);
      if (!item) throw new Error('not in the queue yet');
      return item;
    });
    await eventually(async () => expect(await notices(id)).toHaveLength(3), 60_000, 250);
    // Let any retry or replay have its chance to duplicate, then count.
    await new Promise((wake) => setTimeout(wake, 1_500));
    expect(await notices(id)).toEqual([
      { kind: 'NATIONAL_RESPONSE_OVERDUE', recipient_role: 'NCA_LIAISON', recipient_org: 'NCA', n: 1 },
      { kind: 'NATIONAL_RESPONSE_OVERDUE', recipient_role: 'ROCU_MANAGER', recipient_org: 'YHROCU', n: 1 },
      { kind: 'NATIONAL_RESPONSE_REMINDER', recipient_role: 'NCA_LIAISON', recipient_org: 'NCA', n: 1 },
    ]);
    // The notices name the due date the queue shows (the workflow's own, also projected).
    const { rows } = await stack.db.query<{ due: string }>(
      `SELECT DISTINCT payload->>'dueAt' AS due FROM notifications
        WHERE referral_id = $1 AND kind LIKE 'NATIONAL_RESPONSE_%'`,
      [id],
    );
    expect(rows.map((row) => new Date(row.due).toISOString())).toEqual([queued.responseDueAt]);
    const audited = await stack.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'NATIONAL_RESPONSE_%' ORDER BY id`,
      [id],
    );
    expect(audited.rows.map((row) => row.action)).toEqual(['NATIONAL_RESPONSE_REMINDER', 'NATIONAL_RESPONSE_OVERDUE']);
    const late = await ok('queue', stack.http.get<{ items: QueueItem[] }>('/national/queue', nca));
    expect(late.items.find((each) => each.id === id)?.overdue).toBe(true);

    // A late answer is still taken, and the manager's inbox shows the escalation.
    await ok('return', stack.http.post(`/referrals/${id}/national-return`, { reasons: 'Regional matter' }, nca));
    const manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    const inbox = await ok(
      'inbox',
      stack.http.get<{ items: { kind: string; referralId: string; title: string }[] }>('/notifications', manager),
    );
    expect(inbox.items.find((item) => item.referralId === id && item.kind === 'NATIONAL_RESPONSE_OVERDUE')).toEqual(
      expect.objectContaining({ title: expect.stringContaining("the NCA's answer is overdue") }),
    );
  });

  it('tells nobody once the NCA has answered', async () => {
    const id = await referredNational(stack);
    await ok('accept', stack.http.post(`/referrals/${id}/national-acceptance`, { reference: 'NCA-2026-0001' }, nca));
    const answeredAt = new Date();
    // Past the deadline the referral would have had, had it not been answered.
    await new Promise((wake) => setTimeout(wake, RESPONSE_POLICY.due.elapsedMs + 2_000));
    const { rows } = await stack.db.query(
      `SELECT kind FROM notifications WHERE referral_id = $1 AND kind LIKE 'NATIONAL_RESPONSE_%' AND created_at > $2`,
      [id, answeredAt],
    );
    expect(rows).toEqual([]);
  });
});
