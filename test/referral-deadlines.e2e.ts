import type { DeadlinePolicies } from '@rocu/domain';
import { Stack } from './support/stack';
import { eventually, referralBody } from './support/referral-fixtures';

const secondsScale = {
  TRIAGE: { due: { elapsedMs: 6_000 }, reminderFraction: 0.5 }, // a 3 s reminder window holds on a busy machine
  ASSESSMENT: { due: { elapsedMs: 60_000 }, reminderFraction: 0.75 },
};
const policies: DeadlinePolicies = { IMMEDIATE: secondsScale, PRIORITY: secondsScale, ROUTINE: secondsScale };

interface Deadline {
  stage: string;
  status: string;
  remindedAt?: string;
  escalatedAt?: string;
}

describe('gateway deadlines (seconds-scale policy)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ deadlinePolicies: policies });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('reminds the gateway team and escalates to the ROCU manager, each exactly once', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const submitted = await stack.http.post<{ id: string; deadlines: Deadline[] }>(
      '/referrals',
      referralBody(),
      referrer,
    );
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;

    const triage = await eventually(async () => {
      const deadlines = (await stack.http.get<{ deadlines: Deadline[] }>(`/referrals/${id}`, assessor)).body.deadlines;
      const found = deadlines.find((deadline) => deadline.stage === 'TRIAGE');
      expect(found?.escalatedAt).toEqual(expect.any(String));
      return found;
    });
    expect(triage?.remindedAt).toEqual(expect.any(String));
    expect(new Date(triage?.remindedAt ?? 0).getTime()).toBeLessThan(new Date(triage?.escalatedAt ?? 0).getTime());

    // Let any retry or replay have its chance to duplicate, then count.
    await new Promise((wake) => setTimeout(wake, 1_500));
    const { rows } = await stack.db.query(
      `SELECT kind, recipient_role, recipient_org, count(*)::int AS n FROM notifications
        WHERE referral_id = $1 AND kind LIKE 'DEADLINE_%' GROUP BY kind, recipient_role, recipient_org ORDER BY kind`,
      [id],
    );
    expect(rows).toEqual([
      { kind: 'DEADLINE_ESCALATION', recipient_role: 'ROCU_MANAGER', recipient_org: 'YHROCU', n: 1 },
      { kind: 'DEADLINE_REMINDER', recipient_role: 'GATEWAY_ASSESSOR', recipient_org: 'YHROCU', n: 1 },
    ]);
    const audit = await stack.db.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'DEADLINE_%' ORDER BY id`,
      [id],
    );
    expect(audit.rows.map((row: { action: string }) => row.action)).toEqual([
      'DEADLINE_REMINDER',
      'DEADLINE_ESCALATION',
    ]);

    // Meeting the stage late keeps the breach on record; the next stage's clock runs on.
    const late = await stack.http.post(
      `/referrals/${id}/triage`,
      { decision: 'ACCEPT', reason: 'late but accepted' },
      assessor,
    );
    expect(late.status).toBe(200);
    const after = (await stack.http.get<{ deadlines: Deadline[] }>(`/referrals/${id}`, assessor)).body.deadlines;
    expect(after.map((deadline) => [deadline.stage, deadline.status])).toEqual([
      ['TRIAGE', 'BREACHED'],
      ['ASSESSMENT', 'PENDING'],
    ]);
  });

  it('sends no reminder or escalation for a stage met in time', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const triaged = await stack.http.post(
      `/referrals/${submitted.body.id}/triage`,
      { decision: 'ACCEPT', reason: 'prompt' },
      assessor,
    );
    expect(triaged.status).toBe(200);
    // Past the triage deadline (6 s): a reminder or escalation would have been sent by now.
    await new Promise((wake) => setTimeout(wake, 7_000));
    const { rows } = await stack.db.query(
      `SELECT kind FROM notifications WHERE referral_id = $1 AND kind LIKE 'DEADLINE_%'`,
      [submitted.body.id],
    );
    expect(rows).toEqual([]);
  });
});
