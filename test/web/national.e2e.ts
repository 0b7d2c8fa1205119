import { randomUUID } from 'node:crypto';
import type { Role } from '@rocu/domain';
import { assessedReferral, frozenMeeting } from '../support/meeting-fixtures';
import { eventually } from '../support/referral-fixtures';
import { ok } from '../support/tasking-fixtures';
import { JAVASCRIPT_MODES, useWebStack, Visitor } from '../support/web-test';
import { GatewayReferralPage } from './pages/gateway/referral-page';
import { PartnerCheckPage, TypedDate } from './pages/gateway/partner-check-page';
import { tableRows } from './pages/gateway/table-rows';
import { KeyboardUser } from './pages/keyboard';
import { CheckAnswersPage, ConfirmationPage, MakeReferralPages } from './pages/make-referral-pages';
import { MeetingPage } from './pages/meetings/meeting-page';
import { NationalQueuePage, NationalReferralPage } from './pages/national-pages';
import { ReferralsListPage } from './pages/referrals-list-page';
import { SignInPage } from './pages/sign-in-page';
import { PERSONA } from './personas';
import { referralAnswers } from './referral-answers';

const web = useWebStack();

async function signIn(visitor: Visitor, persona: string): Promise<void> {
  await (await SignInPage.open(visitor.page)).signInAs(persona);
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
});

/** The UK calendar date some days from today, as a person types it into a date input. */
function londonDate(daysFromToday: number): TypedDate {
  const parts = LONDON_PARTS.formatToParts(new Date(Date.now() + daysFromToday * 86_400_000));
  const part = (type: string): string => parts.find((each) => each.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** A YHROCU referral the assessor routed national, once the NCA's queue lists it. */
async function sentNational(): Promise<{ id: string; reference: string }> {
  const referral = await assessedReferral(web.stack, { route: 'REFER_NATIONAL' });
  const nca = await web.stack.token(['NCA_LIAISON'], 'NCA');
  await eventually(async () => {
    const queue = await ok(
      'queue',
      web.stack.http.get<{ items: { id: string }[] }>('/national/queue?pageSize=200', nca),
    );
    if (!queue.items.some((item) => item.id === referral.id)) throw new Error(`${referral.reference} not queued yet`);
  });
  return referral;
}

/** The NCA's read of the referral's sensitive detail is in the audit, with the reason as it was given. */
async function expectReadAudited(id: string, justification: string): Promise<void> {
  const { rows: reads } = await web.stack.db.query<{ actor_org: string }>(
    `SELECT actor_org FROM audit_log WHERE action = 'REFERRAL_SENSITIVE_VIEWED' AND entity_id = $1 AND justification = $2`,
    [id, justification],
  );
  expect(reads.length).toBeGreaterThan(0);
  expect(reads.every((read) => read.actor_org === 'NCA')).toBe(true);
}

const statusSeenBy = async (id: string, roles: Role[], org: string): Promise<string> =>
  (await ok('referral', web.stack.http.get<{ status: string }>(`/referrals/${id}`, await web.stack.token(roles, org))))
    .status;

describe('national tasking in the web app (issue 16)', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('the NCA works its queue: soonest answer first, overdue tagged, one accepted with its reference and one returned', async () => {
      const later = await sentNational();
      const overdue = await sentNational();
      // An answer already past due (the due date is ten working days out otherwise).
      await web.stack.db.query(`UPDATE referrals SET national_due_at = now() - interval '1 day' WHERE id = $1`, [
        overdue.id,
      ]);

      const visitor = await web.visit(javaScript);
      await signIn(visitor, PERSONA.ncaLiaison);
      const queue = new NationalQueuePage(visitor.page);
      await queue.navigateTo('National queue');
      expect(await queue.heading()).toBe('National queue');
      const rows = await queue.rows();
      const order = rows.map((row) => row.reference);
      expect(order).toEqual(expect.arrayContaining([later.reference, overdue.reference]));
      expect(order.indexOf(overdue.reference)).toBeLessThan(order.indexOf(later.reference));
      const rowOf = (reference: string) => rows.find((row) => row.reference === reference);
      expect(rowOf(overdue.reference)?.answerDue).toContain('Overdue');
      expect(rowOf(later.reference)?.answerDue).not.toContain('Overdue');
      expect(rowOf(later.reference)?.region).toBe('Yorkshire and the Humber Regional Organised Crime Unit');
      await visitor.expectAccessible();
      await visitor.screenshot('national-queue');

      // Accepting: the reference is required (named beside the field), then the confirmation.
      await queue.openReferral(later.reference);
      const referral = new NationalReferralPage(visitor.page);
      expect(await referral.status()).toContain('Referred to the NCA');
      expect(await referral.value('Region')).toBe('Yorkshire and the Humber Regional Organised Crime Unit');
      expect(await referral.actions()).toEqual(['Accept it', 'Return it to the region']);
      await visitor.expectAccessible();

      // The intelligence moves without paper: the NCA gives a reason (recorded with each read) and reads it here.
      expect(await referral.summaryShown()).toBe(false);
      await referral.askForSensitiveDetail();
      await referral.justify('short');
      expect(await referral.errorSummary()).toEqual([
        { text: 'Say why you need the sensitive detail, in 10 to 500 characters', href: '#justification' },
      ]);
      await visitor.expectAccessible();
      await referral.justify('Deciding whether the NCA takes the firearms supply');
      expect(new URL(visitor.page.url()).pathname).toBe(`/national/referrals/${later.id}`);
      expect(await referral.summary()).toContain('Supply of firearms');
      await expectReadAudited(later.id, 'Deciding whether the NCA takes the firearms supply');
      await referral.startAction('Accept it');
      await referral.submitWith('Accept the referral');
      expect(await referral.errorSummary()).toEqual([
        { text: "Enter the NCA's reference for the work, at most 100 characters", href: '#reference' },
      ]);
      expect(await visitor.page.title()).toMatch(/^Error: /);
      await visitor.expectAccessible();
      const keyboard = new KeyboardUser(visitor.page);
      await keyboard.type(visitor.page.getByLabel('NCA reference'), 'NCA-2026-0117');
      await keyboard.press(visitor.page.getByRole('button', { name: 'Accept the referral' }));
      expect(await referral.panel()).toEqual({
        title: 'Referral accepted',
        body: expect.stringContaining(`${later.reference} is the NCA's, under reference NCA-2026-0117`),
      });
      await visitor.expectAccessible();
      await visitor.screenshot('national-accepted');
      await visitor.page.reload(); // the confirmation is shown once; a refresh goes back to the queue
      expect(new URL(visitor.page.url()).pathname).toBe('/national');
      expect((await queue.rows()).map((row) => row.reference)).not.toContain(later.reference);

      // Returning: reasons required, then back to the region (the assessor routed it, so to assessment).
      await queue.openReferral(overdue.reference);
      await referral.startAction('Return it to the region');
      await referral.submitWith('Return the referral');
      expect(await referral.errorSummary()).toEqual([
        { text: 'Say why you are returning it, at most 4000 characters', href: '#reasons' },
      ]);
      await visitor.expectAccessible();
      await visitor.page.getByLabel('Why are you returning it?').fill('A regional supply network: the ROCU is placed');
      await referral.submitWith('Return the referral');
      expect((await referral.panel()).title).toBe('Referral returned');
      await eventually(async () =>
        expect(await statusSeenBy(overdue.id, ['GATEWAY_ASSESSOR'], 'YHROCU')).toBe('ASSESSMENT'),
      );
      expect(await statusSeenBy(later.id, ['GATEWAY_ASSESSOR'], 'YHROCU')).toBe('REFERRED_NATIONAL');

      // Answered once: the returned referral has left the NCA's sight.
      const gone = await visitor.page.goto(`/national/referrals/${overdue.id}/accept`);
      expect(gone?.status()).toBe(404);
    });

    it('the GAIN co-ordinator records partner checks, refused field by field, seen by the gateway and the chair, and disposes of a referral to a partner', async () => {
      const listed = await assessedReferral(web.stack);
      const disposed = await assessedReferral(web.stack);
      const visitor = await web.visit(javaScript);
      await signIn(visitor, PERSONA.gain);
      const referral = new GatewayReferralPage(visitor.page);
      await referral.navigateTo('Work queue'); // the GAIN co-ordinator works from the gateway's queue
      expect(await referral.heading()).toBe('Work queue');
      await visitor.page.goto(`/gateway/referrals/${listed.id}`);
      expect(await visitor.page.getByTestId('partner-checks').count()).toBe(0);
      await referral.startAction('Record a partner check');

      const form = new PartnerCheckPage(visitor.page);
      // The partner's reference is revealed by choosing "Hit" (CSS only: the same with JavaScript off).
      expect(await form.referenceBox().isVisible()).toBe(false);
      await visitor.expectAccessible();
      await form.record();
      expect((await form.errorSummary()).map((entry) => entry.href).sort()).toEqual([
        '#agency',
        '#checkedOn-day',
        '#requestedOn-day',
        '#result',
      ]);
      await visitor.expectAccessible();

      // A hit without the partner's reference, answered tomorrow: the API's rules, each beside its field.
      await form.chooseAgency('HM Revenue and Customs');
      await form.date('When was the check requested?', londonDate(-2));
      await form.result('Hit');
      expect(await form.referenceBox().isVisible()).toBe(true);
      await form.date('When did the agency answer?', londonDate(1));
      await form.record();
      expect(await form.errorSummary()).toEqual(
        expect.arrayContaining([
          { text: "A hit names the partner's reference", href: '#reference' },
          { text: 'The answer date is in the future', href: '#checkedOn-day' },
        ]),
      );
      expect(await visitor.page.getByLabel('Agency checked').inputValue()).toBe('HMRC');
      expect(await visitor.page.locator('#requestedOn-day').inputValue()).toBe(londonDate(-2).day);
      await visitor.expectAccessible();
      await visitor.screenshot('partner-check-errors');
      await form.referenceBox().fill('HMRC-CI-0042');
      await form.date('When did the agency answer?', londonDate(0));
      await form.record();
      expect(await referral.notice()).toContain('Partner check recorded: HM Revenue and Customs');

      await referral.startAction('Record a partner check');
      await form.chooseAgency('Border Force');
      await form.date('When was the check requested?', londonDate(0));
      await form.result('No hit');
      await form.date('When did the agency answer?', londonDate(0));
      await form.record();
      const checks = await tableRows(visitor.page.getByTestId('partner-checks'));
      expect(checks.map((cells) => [cells[0], cells[2], cells[3], cells[5]])).toEqual([
        ['HM Revenue and Customs', 'Hit', 'HMRC-CI-0042', 'DC Laura Quinn'],
        ['Border Force', 'No hit', '', 'DC Laura Quinn'],
      ]);
      await visitor.expectAccessible();
      await visitor.screenshot('gateway-partner-checks');

      // The chair sees the checks on the agenda item.
      const meetingId = await frozenMeetingFor(listed.id);
      const chair = await web.visit(javaScript);
      await signIn(chair, PERSONA.chair);
      await chair.page.goto(`/meetings/${meetingId}`);
      const meeting = new MeetingPage(chair.page);
      expect(await meeting.itemValue(listed.reference, 'Partner checks')).toBe(
        'HM Revenue and Customs: Hit (HMRC-CI-0042); Border Force: No hit',
      );
      await chair.expectAccessible();

      // A disposal to a partner: each field required, then the referral leaves the gateway.
      await visitor.page.goto(`/gateway/referrals/${disposed.id}`);
      await referral.startAction('Dispose of to a partner');
      await form.dispose('', '', '');
      expect((await form.errorSummary()).map((entry) => entry.href).sort()).toEqual([
        '#agency',
        '#rationale',
        '#reference',
      ]);
      await visitor.expectAccessible();
      await form.dispose('Border Force', 'BF-2026-7', 'Clandestine entry at the port: Border Force leads');
      expect(await referral.notice()).toContain('Referral disposed of to Border Force (reference BF-2026-7)');
      expect(await referral.status()).toBe('Referred to a partner');
      expect(await visitor.page.getByRole('button', { name: 'Dispose of to a partner' }).count()).toBe(0);
      await visitor.expectAccessible();
    });

    it("an agency referrer chooses the region's gateway, shown on Check your answers, and the referral goes there", async () => {
      const visitor = await web.visit(javaScript);
      await signIn(visitor, PERSONA.hmrcReferrer);
      const list = await ReferralsListPage.open(visitor.page);
      await list.makeReferral();
      const questions = new MakeReferralPages(visitor.page, () => visitor.expectAccessible());
      const answers = referralAnswers(`Op Tariff ${randomUUID().slice(0, 8)}`);
      await questions.subject(answers.subjectType, answers.subjectName);
      await questions.nominals(answers.nominals);
      await questions.tick(answers.crimeTypes);
      await questions.tick(answers.forces); // Yorkshire forces, but the agency sends it to the Eastern region
      expect(await questions.heading()).toBe("Which region's gateway should receive it?");
      await visitor.expectAccessible();
      await visitor.screenshot('make-referral-region');
      await questions.region('Eastern');
      await questions.tick(answers.capabilities);
      await questions.urgency(answers.urgency, answers.threatToLife);
      await questions.summary(answers.summary);
      await questions.intelligence(answers.intelligence);
      await questions.classification(answers.classification);

      const check = new CheckAnswersPage(visitor.page);
      expect(await check.answers()).toMatchObject({ "Which region's gateway should receive it?": 'Eastern' });
      await visitor.expectAccessible();
      await check.send();
      const reference = await new ConfirmationPage(visitor.page).reference();
      const id = new URL(visitor.page.url()).pathname.split('/')[2];
      const detail = await ok(
        'referral',
        web.stack.http.get<{ reference: string; region: string }>(
          `/referrals/${id}`,
          await web.stack.token(['FORCE_REFERRER'], 'HMRC'),
        ),
      );
      expect(detail).toMatchObject({ reference, region: 'ERSOU' });

      // A force is never asked: its region is reference data.
      const force = await web.visit(javaScript);
      await signIn(force, PERSONA.wypReferrer);
      expect((await force.page.goto('/referrals/new/region'))?.status()).toBe(404);
    });
  });
});

/** The GAIN co-ordinator, through the web app at `webUrl`, on a partner form of a new assessed referral. */
async function gainStarts(
  action: string,
  webUrl: string,
): Promise<{ id: string; referral: GatewayReferralPage; form: PartnerCheckPage }> {
  const { id } = await assessedReferral(web.stack);
  const visitor = await web.visit(false, webUrl);
  await signIn(visitor, PERSONA.gain);
  await visitor.page.goto(`/gateway/referrals/${id}`);
  const referral = new GatewayReferralPage(visitor.page);
  await referral.startAction(action);
  return { id, referral, form: new PartnerCheckPage(visitor.page) };
}

describe('answers lost on their way back: "Try again" sends the form a second time', () => {
  it('records one partner check', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const { referral, form } = await gainStarts('Record a partner check', flaky);
      await form.chooseAgency('Border Force');
      await form.date('When was the check requested?', londonDate(0));
      await form.result('No hit');
      await form.date('When did the agency answer?', londonDate(0));
      await referral.tryAgainAfterLostAnswer(proxy, () => form.record());
      expect(await referral.notice()).toContain('Partner check recorded: Border Force');
      const checks = await tableRows(referral.page.getByTestId('partner-checks'));
      expect(checks.map((cells) => cells[0])).toEqual(['Border Force']);
    });
  });

  it('disposes of a referral to a partner once, confirmed as recorded instead of refused as decided', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const { id, referral, form } = await gainStarts('Dispose of to a partner', flaky);
      await referral.tryAgainAfterLostAnswer(proxy, () =>
        form.dispose('Border Force', 'BF-2026-8', 'Border Force leads'),
      );
      expect(await referral.notice()).toContain('Referral disposed of to Border Force (reference BF-2026-8)');
      expect(await referral.status()).toBe('Referred to a partner');
      expect(await historyCount(id, 'DISPOSE_TO_PARTNER')).toBe(1);
    });
  });

  it("confirms the NCA's return once, instead of refusing the second as not awaiting the NCA", async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const { id } = await sentNational();
      const visitor = await web.visit(false, flaky);
      await signIn(visitor, PERSONA.ncaLiaison);
      await visitor.page.goto(`/national/referrals/${id}/return`);
      const referral = new NationalReferralPage(visitor.page);
      await visitor.page.getByLabel('Why are you returning it?').fill('A regional supply network: the ROCU is placed');
      await referral.tryAgainAfterLostAnswer(proxy, () => referral.submitWith('Return the referral'));
      expect((await referral.panel()).title).toBe('Referral returned');
      expect(await historyCount(id, 'NATIONAL_RETURN')).toBe(1);
    });
  });
});

const historyCount = async (referralId: string, action: string): Promise<number> =>
  (
    await web.stack.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM referral_history WHERE referral_id = $1 AND action = $2',
      [referralId, action],
    )
  ).rows[0].n;

/** A YHROCU TTCG with its agenda frozen, listing the referral (its papers close at once). */
async function frozenMeetingFor(referralId: string): Promise<string> {
  const id = await frozenMeeting(web.stack);
  const chair = await web.stack.token(['TTCG_CHAIR'], 'YHROCU');
  const meeting = await ok(
    'meeting',
    web.stack.http.get<{ agenda: { referralId: string }[] }>(`/meetings/${id}`, chair),
  );
  if (!meeting.agenda.some((item) => item.referralId === referralId)) throw new Error('the referral is not listed');
  return id;
}
