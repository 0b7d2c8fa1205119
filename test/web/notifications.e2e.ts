import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@rocu/observability';
import { startDevMailbox, type SmtpSink } from '../../scripts/lib/smtp-sink';
import { eventually, referralBody } from '../support/referral-fixtures';
import { JAVASCRIPT_MODES, useWebStack } from '../support/web-test';
import { DevMailboxPage, FailedDeliveriesPage, NotificationsPage } from './pages/notifications-page';
import { SignInPage } from './pages/sign-in-page';
import { PERSONA } from './personas';

// As `npm start` runs it: notifications are e-mailed to a local sink the development mailbox page shows.
const mailboxFolder = mkdtempSync(join(tmpdir(), 'rocu-dev-mailbox-'));
let sink: SmtpSink | undefined;

const web = useWebStack(async () => {
  sink = await startDevMailbox(mailboxFolder, await freePort());
  return {
    env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, NOTIFY_SWEEP_INTERVAL_MS: '500' },
    webEnv: { DEV_MAILBOX_DIR: mailboxFolder },
  };
});

afterAll(async () => {
  await sink?.close();
  rmSync(mailboxFolder, { recursive: true, force: true });
});

describe('notifications in the web app', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('shows the inbox with the unread count in the header, marks one read, and the e-mail in the dev mailbox', async () => {
      const submitted = await web.stack.http.post<{ reference: string }>(
        '/referrals',
        referralBody(),
        await web.stack.token(['FORCE_REFERRER'], 'WYP'),
      );
      expect(submitted.status).toBe(201);
      const title = `Referral ${submitted.body.reference}: new referral to triage`;

      const visitor = await web.visit(javaScript);
      await (await SignInPage.open(visitor.page)).signInAs(PERSONA.assessor);
      const inbox = new NotificationsPage(visitor.page);
      const unreadBefore = await inbox.unreadInHeader();
      expect(unreadBefore).toBeGreaterThan(0);

      await inbox.navigateTo('Notifications');
      expect(await inbox.heading()).toBe('Notifications');
      expect((await inbox.titles())[0]).toContain(title);
      expect(await inbox.state(title)).toBe('unread');
      await visitor.expectAccessible();
      await visitor.screenshot('notifications');

      await inbox.markRead(title);
      expect(new URL(visitor.page.url()).pathname).toBe('/notifications');
      expect(await inbox.state(title)).toBe('read');
      expect(await inbox.unreadInHeader()).toBe(unreadBefore - 1);
      expect(await inbox.unreadSummary()).toContain(
        unreadBefore - 1 === 0 ? 'no unread' : `${unreadBefore - 1} unread`,
      );

      const mailbox = new DevMailboxPage(visitor.page);
      await eventually(async () => {
        await mailbox.open();
        expect(await mailbox.subjects()).toContain(title);
      }, 60_000);
      expect(await mailbox.heading()).toBe('Development mailbox');
      await visitor.expectAccessible();
    });

    it("shows the ROCU manager the region's failed e-mail deliveries, from their notifications", async () => {
      const submitted = await web.stack.http.post<{ id: string; reference: string }>(
        '/referrals',
        referralBody(),
        await web.stack.token(['FORCE_REFERRER'], 'WYP'),
      );
      // A failure as the delivery workflow records it (test/notification-delivery.e2e.ts makes real ones).
      await web.stack.db.query(
        `UPDATE notifications SET status = 'FAILED', failed_at = now(), attempts = 10, last_error = '451 Try again later'
          WHERE referral_id = $1`,
        [submitted.body.id],
      );
      const visitor = await web.visit(javaScript);
      await (await SignInPage.open(visitor.page)).signInAs(PERSONA.manager);
      const inbox = new NotificationsPage(visitor.page);
      await inbox.navigateTo('Notifications');
      await inbox.loadNextPage(visitor.page.getByRole('link', { name: 'Failed email deliveries in your region' }));
      const failures = new FailedDeliveriesPage(visitor.page);
      expect(await failures.heading()).toBe('Failed email deliveries');
      expect(await failures.rows()).toContainEqual([
        expect.any(String),
        'REFERRAL_SUBMITTED',
        submitted.body.reference,
        'GATEWAY_ASSESSOR at YHROCU',
        '10',
        '451 Try again later',
      ]);
      await visitor.expectAccessible();
    });
  });
});
