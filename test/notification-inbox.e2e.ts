import { Stack } from './support/stack';
import { referralBody, workedExampleAssessment } from './support/referral-fixtures';

interface Inbox {
  items: { id: string; kind: string; title: string; body: string[]; reference: string | null; readAt: string | null }[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

describe('in-app inbox (GET /notifications, POST /notifications/{id}/read)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start();
  });

  afterAll(async () => {
    await stack.stop();
  });

  it("shows a person their role's notifications newest first, and marks them read for that person only", async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const first = await stack.http.post<{ id: string; reference: string }>('/referrals', referralBody(), referrer);
    const second = await stack.http.post<{ id: string; reference: string }>('/referrals', referralBody(), referrer);
    expect([first.status, second.status]).toEqual([201, 201]);

    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU', 'assessor-one');
    const colleague = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU', 'assessor-two');
    const elsewhere = await stack.token(['GATEWAY_ASSESSOR'], 'ERSOU', 'assessor-one');

    const inbox = await stack.http.get<Inbox>('/notifications', assessor);
    expect(inbox.status).toBe(200);
    expect(inbox.body).toMatchObject({ total: 2, page: 1, pageSize: 50, unread: 2 });
    expect(inbox.body.items.map((item) => item.reference)).toEqual([second.body.reference, first.body.reference]);
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'REFERRAL_SUBMITTED',
      title: `Referral ${second.body.reference}: new referral to triage`,
      readAt: null,
    });
    const paged = await stack.http.get<Inbox>('/notifications?page=2&pageSize=1', assessor);
    expect(paged.body.items.map((item) => item.reference)).toEqual([first.body.reference]);
    expect((await stack.http.get<Inbox>('/notifications?pageSize=500', assessor)).status).toBe(400);

    const id = inbox.body.items[0].id;
    const read = await stack.http.post<{ id: string; readAt: string }>(`/notifications/${id}/read`, {}, assessor);
    expect(read.status).toBe(200);
    const again = await stack.http.post<{ readAt: string }>(`/notifications/${id}/read`, {}, assessor);
    expect(again.status).toBe(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    const after = await stack.http.get<Inbox>('/notifications', assessor);
    expect(after.body.unread).toBe(1);
    expect(after.body.items[0].readAt).toBe(read.body.readAt);
    expect((await stack.http.get<{ unread: number }>('/notifications/unread-count', assessor)).body).toEqual({
      unread: 1,
    });
    // The team's notification is read per person: a colleague still has it unread.
    expect((await stack.http.get<Inbox>('/notifications', colleague)).body.unread).toBe(2);

    // Someone else's notification, or no notification at all, is 404; nothing is marked.
    expect((await stack.http.post(`/notifications/${id}/read`, {}, elsewhere)).status).toBe(404);
    expect((await stack.http.post(`/notifications/${id}/read`, {}, referrer)).status).toBe(404);
    expect((await stack.http.post('/notifications/999999/read', {}, assessor)).status).toBe(404);
    expect((await stack.http.post('/notifications/not-an-id/read', {}, assessor)).status).toBe(404);
    expect((await stack.http.get<Inbox>('/notifications', elsewhere)).body.total).toBe(0);
    const { rows: reads } = await stack.db.query(`SELECT person_sub, person_org FROM notification_reads`);
    expect(reads).toEqual([{ person_sub: 'assessor-one', person_org: 'YHROCU' }]);

    const { rows: audit } = await stack.db.query(
      `SELECT action, outcome, actor_sub FROM audit_log
        WHERE action IN ('NOTIFICATION_READ', 'NOTIFICATIONS_LISTED') AND actor_org = 'YHROCU' ORDER BY id`,
    );
    expect(audit.filter((row: { action: string }) => row.action === 'NOTIFICATION_READ')).toEqual([
      { action: 'NOTIFICATION_READ', outcome: 'SUCCESS', actor_sub: 'assessor-one' },
    ]);
    expect(audit.filter((row: { action: string }) => row.action === 'NOTIFICATIONS_LISTED').length).toBeGreaterThan(0);
  });

  it("tells the NCA's liaison of the NCA's own referral, and its referrer where a decision sent it", async () => {
    const liaison = await stack.token(['NCA_LIAISON'], 'NCA');
    const submitted = await stack.http.post<{ id: string; reference: string }>('/referrals', referralBody(), liaison);
    expect(submitted.status).toBe(201);
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const id = submitted.body.id;
    const asked = await stack.http.post(
      `/referrals/${id}/triage`,
      { decision: 'REQUEST_INFO', reason: 'Which nominals?' },
      assessor,
    );
    expect(asked.status).toBe(200);
    const answered = await stack.http.post(`/referrals/${id}/information`, { response: 'See IR-124' }, liaison);
    expect(answered.status).toBe(200);
    const accepted = await stack.http.post(
      `/referrals/${id}/triage`,
      { decision: 'ACCEPT', reason: 'In remit' },
      assessor,
    );
    expect(accepted.status).toBe(200);
    const routed = await stack.http.post(
      `/referrals/${id}/assessment`,
      workedExampleAssessment({ route: 'REFER_PARTNER' }),
      assessor,
    );
    expect(routed.status).toBe(200);

    // Written as each change is projected, before its Update is answered.
    const inbox = await stack.http.get<Inbox>('/notifications', liaison);
    expect(inbox.status).toBe(200);
    const about = inbox.body.items.filter((item) => item.reference === submitted.body.reference);
    expect(about.map((item) => [item.kind, item.title])).toEqual([
      ['REFERRAL_REFERRED_PARTNER', `Referral ${submitted.body.reference} has been referred to a partner agency`],
      ['REFERRAL_INFO_REQUESTED', `Referral ${submitted.body.reference} needs more information from you`],
    ]);
  });

  it("lists failed deliveries and the delivery counts for the ROCU manager's region only", async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    // A failure as the delivery workflow records it (the e-mail tests produce real ones).
    await stack.db.query(
      `UPDATE notifications SET status = 'FAILED', failed_at = now(), attempts = 4,
         last_error = '451 4.3.0 Try again later', recipient_address = 'gateway-assessor.yhrocu@gateway.example'
        WHERE referral_id = $1`,
      [submitted.body.id],
    );
    const manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    const failed = await stack.http.get<{ items: { referralId: string; reason: string; attempts: number }[] }>(
      '/notifications/failed-deliveries',
      manager,
    );
    expect(failed.status).toBe(200);
    expect(failed.body.items).toEqual([
      expect.objectContaining({ referralId: submitted.body.id, reason: '451 4.3.0 Try again later', attempts: 4 }),
    ]);
    const report = await stack.http.get<{ region: string; total: { failed: number } }>(
      '/reports/notification-deliveries',
      manager,
    );
    expect(report.body).toMatchObject({ region: 'YHROCU', total: { failed: 1 } });

    // A WYP officer's failed e-mail about a referral that went to ERSOU: the YHROCU manager sees the failure
    // to their force, but not which referral (it is ERSOU's).
    const elsewhere = await stack.http.post<{ id: string; region: string }>(
      '/referrals',
      referralBody({ forcesAffected: ['KENT'] }),
      referrer,
    );
    expect(elsewhere.body.region).toBe('ERSOU');
    const { rowCount } = await stack.db.query(
      `UPDATE notifications SET status = 'FAILED', failed_at = now(), attempts = 4, last_error = 'mailbox full',
         recipient_org = 'WYP', recipient_role = 'FORCE_REFERRER' WHERE referral_id = $1`,
      [elsewhere.body.id],
    );
    expect(rowCount).toBeGreaterThan(0);
    const withOther = await stack.http.get<{
      items: { referralId: string | null; reference: string | null; reason: string }[];
    }>('/notifications/failed-deliveries', manager);
    const toWyp = withOther.body.items.filter((item) => item.reason === 'mailbox full');
    expect(toWyp.length).toBe(rowCount);
    for (const item of toWyp) expect(item).toMatchObject({ referralId: null, reference: null });
    expect(JSON.stringify(withOther.body)).not.toContain(elsewhere.body.id);
    const { rows: listed } = await stack.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'FAILED_DELIVERIES_LISTED' AND actor_org = 'YHROCU'`,
    );
    expect(listed[0].n).toBe(2);

    const otherManager = await stack.token(['ROCU_MANAGER'], 'ERSOU');
    // ERSOU's manager sees the failures about ERSOU's referral, named, and none of YHROCU's own.
    const ersou = await stack.http.get<{ items: { referralId: string | null }[] }>(
      '/notifications/failed-deliveries',
      otherManager,
    );
    expect(ersou.body.items.map((item) => item.referralId)).toEqual(Array(rowCount ?? 0).fill(elsewhere.body.id));
    expect((await stack.http.get('/notifications/failed-deliveries', referrer)).status).toBe(403);
  });
});
