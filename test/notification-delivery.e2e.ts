import type { DeadlinePolicies } from '@rocu/domain';
import { notificationDeliveryRepository, type Queryable } from '@rocu/persistence';
import { Stack } from './support/stack';
import { eventually, referralBody } from './support/referral-fixtures';
import { SmtpTestServer, type DeliveredMail } from './support/smtp-test-server';

const secondsScale = {
  TRIAGE: { due: { elapsedMs: 6_000 }, reminderFraction: 0.5 },
  ASSESSMENT: { due: { elapsedMs: 600_000 }, reminderFraction: 0.75 },
};
const policies: DeadlinePolicies = { IMMEDIATE: secondsScale, PRIORITY: secondsScale, ROUTINE: secondsScale };
const LINK_BASE = 'https://gateway.test.example';
const ASSESSORS = 'gateway-assessor.yhrocu@gateway.example';
const ROCU_MANAGER = 'rocu-manager.yhrocu@gateway.example';

interface OutboxRow {
  id: string;
  kind: string;
  status: string;
  recipientAddress: string | null;
  messageId: string | null;
  attempts: number;
  lastError: string | null;
}

describe('notifications e-mailed from the outbox (a real SMTP server)', () => {
  let stack: Stack;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    stack = await Stack.start({
      deadlinePolicies: policies,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'ROCU Gateway <notifications@gateway.example>',
        NOTIFY_LINK_BASE_URL: LINK_BASE,
        NOTIFY_SWEEP_INTERVAL_MS: '500',
        NOTIFY_SEND_TIMEOUT_MS: '10000',
        NOTIFY_RETRY_INITIAL_INTERVAL_MS: '500',
        NOTIFY_RETRY_BACKOFF_COEFFICIENT: '2',
        NOTIFY_RETRY_MAXIMUM_INTERVAL_MS: '2000',
        NOTIFY_RETRY_MAXIMUM_ATTEMPTS: '4',
      },
    });
  });

  afterEach(() => smtp.behave(() => undefined));

  afterAll(async () => {
    await stack.stop();
    await smtp.close();
  });

  async function submit(body = referralBody()): Promise<string> {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const response = await stack.http.post<{ id: string }>('/referrals', body, referrer);
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function rowsOf(referralId: string): Promise<OutboxRow[]> {
    const { rows } = await stack.db.query<OutboxRow>(
      `SELECT id::text, kind, status, recipient_address AS "recipientAddress", message_id AS "messageId", attempts,
              last_error AS "lastError"
         FROM notifications WHERE referral_id = $1 ORDER BY id`,
      [referralId],
    );
    return rows;
  }

  /** Waits until the referral's escalation is written and every one of its notifications has ended. */
  function settled(referralId: string, timeoutMs = 60_000): Promise<OutboxRow[]> {
    return eventually(async () => {
      const rows = await rowsOf(referralId);
      expect(rows.map((row) => row.kind)).toContain('DEADLINE_ESCALATION');
      expect(rows.filter((row) => row.status === 'PENDING')).toEqual([]);
      return rows;
    }, timeoutMs);
  }

  const onPool: Queryable = {
    query: async <T>(sql: string, parameters?: unknown[]) => (await stack.db.query(sql, parameters)).rows as T,
  };

  const ofKind = (rows: OutboxRow[], kind: string): OutboxRow => {
    const row = rows.find((candidate) => candidate.kind === kind);
    if (!row) throw new Error(`no ${kind} notification`);
    return row;
  };

  it('sends a reminder and an escalation once each, to the right mailboxes, with nothing sensitive', async () => {
    const body = referralBody();
    const id = await submit(body);
    const rows = await settled(id);
    const { rows: referral } = await stack.db.query<{ reference: string }>(
      `SELECT reference FROM referrals WHERE id = $1`,
      [id],
    );
    const reference = referral[0].reference;

    expect(rows.map((row) => row.status)).toEqual(rows.map(() => 'SENT'));
    expect(ofKind(rows, 'DEADLINE_REMINDER').recipientAddress).toBe(ASSESSORS);
    expect(ofKind(rows, 'DEADLINE_ESCALATION').recipientAddress).toBe(ROCU_MANAGER);
    const mails: DeliveredMail[] = [];
    for (const row of rows) {
      expect(row.messageId).toBe(`<notification-${row.id}@gateway.example>`);
      const copies = smtp.withMessageId(row.messageId ?? '');
      expect(copies).toHaveLength(1);
      expect(copies[0].to).toEqual([row.recipientAddress]);
      mails.push(copies[0]);
    }

    const reminder = smtp.withMessageId(ofKind(rows, 'DEADLINE_REMINDER').messageId ?? '')[0];
    expect(reminder.subject).toBe(`Referral ${reference}: triage due soon`);
    expect(reminder.text).toMatch(/is due by \d{1,2}(:\d\d)?[ap]m on \w+day \d{1,2} \w+ \d{4}/);
    expect(reminder.text).toContain(`${LINK_BASE}/notifications`);
    expect(reminder.html).toContain(`href="${LINK_BASE}/notifications"`);
    const escalation = smtp.withMessageId(ofKind(rows, 'DEADLINE_ESCALATION').messageId ?? '')[0];
    expect(escalation.subject).toBe(`Referral ${reference}: triage is overdue`);

    // The same notifications are in the recipients' inbox, and can be marked read there.
    const manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    const inbox = await stack.http.get<{ items: { id: string; title: string; readAt: string | null }[] }>(
      '/notifications',
      manager,
    );
    const escalationId = ofKind(rows, 'DEADLINE_ESCALATION').id;
    expect(inbox.body.items.find((item) => item.id === escalationId)).toMatchObject({
      title: escalation.subject,
      readAt: null,
    });
    expect((await stack.http.post(`/notifications/${escalationId}/read`, {}, manager)).status).toBe(200);
    const reread = await stack.http.get<{ items: { id: string; readAt: string | null }[] }>('/notifications', manager);
    expect(reread.body.items.find((item) => item.id === escalationId)?.readAt).toEqual(expect.any(String));

    const subject = body.subject as { name: string; nominals: { identifier: string }[] };
    const intelligence = body.intelligence as { reference: string; conditions: string }[];
    const sensitive = [
      body.summary as string,
      subject.name,
      subject.nominals[0].identifier,
      intelligence[0].reference,
      intelligence[0].conditions,
    ];
    for (const mail of mails) {
      for (const text of sensitive) {
        expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(text);
      }
    }
  });

  it('retries while the SMTP server refuses, and delivers each notification exactly once', async () => {
    const tries = new Map<string, number>();
    smtp.behave((mail) => {
      const attempt = (tries.get(mail.messageId) ?? 0) + 1;
      tries.set(mail.messageId, attempt);
      if (attempt <= 2) return { responseCode: 451, message: '4.3.0 Try again later' };
    });
    const id = await submit();
    const rows = await settled(id);

    expect(rows.map((row) => row.status)).toEqual(rows.map(() => 'SENT'));
    for (const row of rows) {
      expect(tries.get(row.messageId ?? '')).toBe(3);
      expect(row.attempts).toBe(3);
      expect(smtp.withMessageId(row.messageId ?? '')).toHaveLength(1);
    }
  });

  it('loses no notification when the worker is killed mid-send', async () => {
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: DeliveredMail[] = [];
    // The server has the whole message but does not answer until the worker sending it is dead.
    smtp.behave(async (mail) => {
      held.push(mail);
      await released;
    });
    const id = await submit();
    await eventually(async () => expect(held.length).toBeGreaterThan(0));
    await stack.killWorker();
    smtp.behave(() => undefined);
    release();
    stack.startWorker();

    const rows = await settled(id, 120_000);
    expect(rows.map((row) => row.status)).toEqual(rows.map(() => 'SENT'));
    for (const row of rows) {
      const copies = smtp.withMessageId(row.messageId ?? '');
      expect(copies.length).toBeGreaterThanOrEqual(1);
      // A resend is the same message: same Message-ID, recipient and words.
      expect(new Set(copies.map((copy) => JSON.stringify(copy))).size).toBe(1);
    }
    // The message in flight when the worker died was sent again by its retry, recognisably the same.
    expect(smtp.withMessageId(held[0].messageId).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps a settled notification as it ended: an attempt still in flight does not rewrite it', async () => {
    const id = await submit();
    const [sent] = await eventually(async () => {
      const rows = (await rowsOf(id)).filter((row) => row.kind === 'REFERRAL_SUBMITTED');
      expect(rows.map((row) => row.status)).toEqual(['SENT']);
      return rows;
    }, 60_000);
    // What a slower attempt of the same delivery, that loaded the row while it was pending, writes next.
    await notificationDeliveryRepository.recordAttempt(onPool, sent.id, sent.attempts + 1, 'elsewhere@gateway.example');
    await notificationDeliveryRepository.recordError(onPool, sent.id, '421 Service not available');

    expect((await rowsOf(id)).find((row) => row.id === sent.id)).toEqual(sent);
  });

  it("mails a named SIO or LRO only at their own address, never their role's shared mailbox", async () => {
    const addressOf = (recipientRole: string, recipientOrg: string, recipientSub: string | null) =>
      notificationDeliveryRepository.mailboxAddress(onPool, { recipientRole, recipientOrg, recipientSub });
    expect(await addressOf('SIO', 'YHROCU', 'sio-yhrocu-1')).toBe('sio-yhrocu-1@gateway.example');
    expect(await addressOf('LRO', 'WYP', 'lro-wyp')).toBe('lro-wyp@gateway.example');
    // The role's mailbox is there, and is for notifications naming no one.
    expect(await addressOf('SIO', 'YHROCU', null)).toBe('sio.yhrocu@gateway.example');
    // Everyone in the role reads it, and they may not see this person's tasking: no address, so no e-mail.
    expect(await addressOf('SIO', 'YHROCU', 'sio-without-a-mailbox')).toBeUndefined();
    expect(await addressOf('LRO', 'WYP', 'lro-without-a-mailbox')).toBeUndefined();
    // A ROCU manager named (the one who asked for mutual aid) reads the managers' mailbox, whose readers see it all.
    expect(await addressOf('ROCU_MANAGER', 'YHROCU', 'rocu_manager@yhrocu')).toBe(
      'rocu-manager.yhrocu@gateway.example',
    );
  });

  it('marks an escalation that cannot be delivered FAILED, with the reason, and escalates that', async () => {
    smtp.behave((mail) =>
      mail.to.includes(ROCU_MANAGER) ? { responseCode: 550, message: '5.1.1 Mailbox unavailable' } : undefined,
    );
    const id = await submit();
    const rows = await eventually(async () => {
      const found = await rowsOf(id);
      expect(found.map((row) => row.kind)).toContain('DELIVERY_FAILED');
      expect(found.filter((row) => row.status === 'PENDING')).toEqual([]);
      return found;
    }, 60_000);

    const escalation = ofKind(rows, 'DEADLINE_ESCALATION');
    expect(escalation.status).toBe('FAILED');
    expect(escalation.lastError).toContain('Mailbox unavailable');
    expect(escalation.attempts).toBe(1);
    expect(ofKind(rows, 'DEADLINE_REMINDER').status).toBe('SENT');
    const { rows: told } = await stack.db.query(
      `SELECT recipient_role, recipient_org, payload FROM notifications WHERE referral_id = $1 AND kind = 'DELIVERY_FAILED'`,
      [id],
    );
    expect(told).toEqual([
      {
        recipient_role: 'ROCU_MANAGER',
        recipient_org: 'YHROCU',
        payload: { notificationId: escalation.id, failedKind: 'DEADLINE_ESCALATION' },
      },
    ]);
    const { rows: audit } = await stack.db.query(
      `SELECT outcome, details->>'reason' AS reason FROM audit_log WHERE action = 'NOTIFICATION_DELIVERY_FAILED' AND entity_id = $1`,
      [escalation.id],
    );
    expect(audit).toEqual([{ outcome: 'FAILED', reason: expect.stringContaining('Mailbox unavailable') }]);

    // The ROCU manager sees the failure (API and MI); another region's manager does not.
    const failures = await stack.http.get<{ items: { id: string; kind: string; reason: string }[] }>(
      '/notifications/failed-deliveries',
      await stack.token(['ROCU_MANAGER'], 'YHROCU'),
    );
    expect(failures.body.items).toContainEqual(
      expect.objectContaining({
        id: escalation.id,
        kind: 'DEADLINE_ESCALATION',
        reason: expect.stringContaining('550'),
      }),
    );
    const elsewhere = await stack.http.get<{ items: { id: string }[] }>(
      '/notifications/failed-deliveries',
      await stack.token(['ROCU_MANAGER'], 'ERSOU'),
    );
    expect(elsewhere.body.items).toEqual([]);
  });
});
