import { randomUUID } from 'node:crypto';
import { SESSION_COOKIE } from '../../apps/web/src/setup/sessions';
import { referralBody } from '../support/referral-fixtures';
import { SwitchableProxy } from '../support/switchable-proxy';
import { JAVASCRIPT_MODES, useWebStack, Visitor } from '../support/web-test';
import { KeyboardUser } from './pages/keyboard';
import { CheckAnswersPage, ConfirmationPage, MakeReferralPages } from './pages/make-referral-pages';
import { ReferralPage } from './pages/referral-page';
import { ReferralsListPage } from './pages/referrals-list-page';
import { SignInPage } from './pages/sign-in-page';
import { PERSONA } from './personas';
import { referralAnswers as answers } from './referral-answers';

const web = useWebStack();

async function signIn(visitor: Visitor, persona: string): Promise<void> {
  await (await SignInPage.open(visitor.page)).signInAs(persona);
}

/** The referral's id, from the address of the page the person is on (`/referrals/<id>/...`). */
const idFromUrl = (visitor: Visitor): string => new URL(visitor.page.url()).pathname.split('/')[2];

describe('force referrer journey', () => {
  describe.each(JAVASCRIPT_MODES)('making a referral $label', ({ javaScript }) => {
    it('goes through the question pages, checks the answers, sends it and sees it listed', async () => {
      const visitor = await web.visit(javaScript);
      await signIn(visitor, PERSONA.wypReferrer);
      const subjectName = `Operation Kestrel ${randomUUID().slice(0, 8)}`;
      const list = await ReferralsListPage.open(visitor.page);
      await visitor.expectAccessible();
      await list.makeReferral();
      expect(new URL(visitor.page.url()).pathname).toBe('/referrals/new/subject');

      const questions = new MakeReferralPages(visitor.page, () => visitor.expectAccessible());
      const answered = answers(subjectName);
      await questions.answerAll(answered);

      const check = new CheckAnswersPage(visitor.page);
      expect(await check.heading()).toBe('Check your answers before sending your referral');
      await visitor.expectAccessible();
      await visitor.screenshot('check-your-answers');
      expect(await check.answers()).toEqual({
        'Who or what is the referral about?': `${subjectName}, Organised crime group`,
        Nominals: answered.nominals.map((n) => `${n.identifier} (${n.role})`).join('; '),
        'Which crime types are involved?': 'Illegal drugs, Illegal firearms',
        'Which forces are affected?': 'South Yorkshire Police, West Yorkshire Police',
        'Which ROCU capabilities do you need?': 'Covert surveillance, Fraud investigation',
        'How urgent is it?': 'Routine, threat to life: No',
        'Threat, risk and harm summary': answered.summary,
        Intelligence: 'IR-2026-0042 graded 2BC (conditions: Not for onward dissemination)',
        'What is the classification?': 'OFFICIAL-SENSITIVE',
      });

      await check.send();
      const confirmation = new ConfirmationPage(visitor.page);
      expect(await confirmation.heading()).toContain('Referral sent');
      const reference = await confirmation.reference();
      expect(reference).toMatch(/^YHROCU-\d{4}-\d{6}$/);
      await visitor.expectAccessible();
      await visitor.screenshot('referral-sent');

      // What was sent is what the API holds.
      const id = idFromUrl(visitor);
      const token = await web.stack.token(['FORCE_REFERRER'], 'WYP');
      const stored = await web.stack.http.get<{ submission: Record<string, unknown> }>(`/referrals/${id}`, token);
      expect(stored.body.submission).toMatchObject({
        subject: {
          type: 'OCG',
          name: subjectName,
          nominals: answered.nominals.map((n) => ({ identifier: n.identifier, role: n.role.toUpperCase() })),
        },
        crimeTypes: ['ILLEGAL_DRUGS', 'ILLEGAL_FIREARMS'],
        requestedCapabilities: ['COVERT_SURVEILLANCE', 'FRAUD_INVESTIGATION'],
        urgency: 'ROUTINE',
        threatToLife: false,
        classification: 'OFFICIAL-SENSITIVE',
      });

      const listed = await ReferralsListPage.open(visitor.page);
      await listed.search(subjectName);
      expect(await listed.rows()).toEqual([
        expect.objectContaining({
          reference,
          subject: subjectName,
          status: expect.stringMatching(/Submitted|In triage/),
          urgency: 'Routine',
        }),
      ]);
      await visitor.expectAccessible();
      await visitor.screenshot('referrals');

      // The draft is gone: making another referral starts afresh.
      await listed.makeReferral();
      expect(new URL(visitor.page.url()).pathname).toBe('/referrals/new/subject');
    });
  });

  it('shows every refused answer on Check your answers, linked to its question, and on the question page', async () => {
    const visitor = await web.visit();
    await signIn(visitor, PERSONA.sypReferrer);
    await visitor.page.goto('/referrals/new/subject');
    const questions = new MakeReferralPages(visitor.page);
    await questions.subject('Organised crime group', 'Operation Partial');
    await visitor.page.goto('/referrals/new/intelligence');
    await questions.intelligence([
      {
        reference: 'IR-9',
        source: '1 – reliable',
        information: 'A – known directly',
        handling: 'C – may be shared with conditions',
      },
    ]);
    await visitor.page.goto('/referrals/new/check-answers');
    const check = new CheckAnswersPage(visitor.page);
    await check.send();

    expect(new URL(visitor.page.url()).pathname).toBe('/referrals/new/check-answers');
    const errors = await check.errorSummary();
    const hrefs = errors.map((error) => error.href);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '/referrals/new/crime-types?return=check-answers#crimeTypes',
        '/referrals/new/forces?return=check-answers#forcesAffected',
        '/referrals/new/capabilities?return=check-answers#requestedCapabilities',
        '/referrals/new/urgency?return=check-answers#urgency',
        '/referrals/new/urgency?return=check-answers#threatToLife',
        '/referrals/new/summary?return=check-answers#summary',
        '/referrals/new/classification?return=check-answers#classification',
        '/referrals/new/intelligence?return=check-answers#intelligence-0-conditions',
      ]),
    );
    expect(hrefs.some((href) => href.includes('/subject?'))).toBe(false);
    expect(errors.find((error) => error.href.endsWith('#intelligence-0-conditions'))?.text).toBe(
      'Intelligence: intelligence[0].conditions is required',
    );
    await visitor.expectAccessible();
    await visitor.screenshot('check-your-answers-errors');

    await check.followError('Intelligence');
    expect(new URL(visitor.page.url()).pathname).toBe('/referrals/new/intelligence');
    expect(await questions.errorSummary()).toEqual([
      { text: 'intelligence[0].conditions is required', href: '#intelligence-0-conditions' },
    ]);
    expect(await visitor.page.locator('#intelligence-0-conditions-error').innerText()).toContain(
      'intelligence[0].conditions is required',
    );
    await visitor.expectAccessible();

    // Answering it settles that page's refusal; the others are still listed on Check your answers.
    await visitor.page.getByLabel('Handling conditions').fill('Only within the ROCU');
    await questions.continue();
    expect(new URL(visitor.page.url()).pathname).toBe('/referrals/new/check-answers');
  });

  it('keeps a draft across signing out and in again', async () => {
    const visitor = await web.visit();
    await signIn(visitor, PERSONA.sypReferrer);
    await visitor.page.goto('/referrals/new/subject');
    await new MakeReferralPages(visitor.page).subject('Priority individual', 'Draft Survivor');
    await new ReferralsListPage(visitor.page).signOut();

    await signIn(visitor, PERSONA.sypReferrer);
    const list = await ReferralsListPage.open(visitor.page);
    await visitor.expectAccessible();
    await list.continueDraft();
    expect(new URL(visitor.page.url()).pathname).toBe('/referrals/new/check-answers');
    expect((await new CheckAnswersPage(visitor.page).answers())['Who or what is the referral about?']).toBe(
      'Draft Survivor, Priority individual',
    );
  });

  describe.each(JAVASCRIPT_MODES)("a referral's page $label", ({ javaScript }) => {
    it('shows status, deadlines and timeline; the referrer answers an information request and withdraws', async () => {
      const referrerToken = await web.stack.token(['FORCE_REFERRER'], 'WYP');
      const assessor = await web.stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
      const submitted = await web.stack.http.post<{ id: string; reference: string }>(
        '/referrals',
        referralBody(),
        referrerToken,
      );
      expect(submitted.status).toBe(201);
      const asked = await web.stack.http.post(
        `/referrals/${submitted.body.id}/triage`,
        { decision: 'REQUEST_INFO', reason: 'Which OCG members are involved?' },
        assessor,
      );
      expect(asked.body.status).toBe('INFO_REQUESTED');

      const visitor = await web.visit(javaScript);
      await signIn(visitor, PERSONA.wypReferrer);
      const page = await ReferralPage.open(visitor.page, submitted.body.id);
      expect(await page.heading()).toBe(submitted.body.reference);
      expect(await page.status()).toBe('Information requested');
      expect(await page.deadlineStages()).toContain('Triage');
      expect(await visitor.page.locator('main').innerText()).toContain('Which OCG members are involved?');
      await visitor.expectAccessible();
      await visitor.screenshot('referral-information-requested');

      // An empty answer is refused by the API and shown on the form, linked to the field.
      await visitor.page.getByRole('button', { name: 'Answer the information request' }).click();
      await page.submitWith('Send answer');
      expect(await page.errorSummary()).toEqual([{ text: expect.stringContaining('response'), href: '#response' }]);
      await visitor.expectAccessible();

      await visitor.page.goto(`/referrals/${submitted.body.id}`);
      await page.answerInformationRequest('Three principals and two couriers.');
      expect(await page.notice()).toContain('Your answer has been sent');
      expect(await page.status()).toBe('In triage');
      expect(await page.timeline()).toEqual(expect.arrayContaining(['In triage', 'Information requested']));

      await page.withdraw('Suspects charged by the force.');
      expect(await page.status()).toBe('Withdrawn');
      expect(await page.notice()).toContain('withdrawn');
      await visitor.expectAccessible();
    });
  });

  it("searches and pages the force's referrals, and never shows another force's", async () => {
    const wyp = await web.stack.token(['FORCE_REFERRER'], 'WYP');
    const syp = await web.stack.token(['FORCE_REFERRER'], 'SYP');
    const tag = randomUUID().slice(0, 8);
    for (let index = 0; index < 22; index++) {
      const body = referralBody({ subject: { type: 'OCG', name: `Paging ${tag} ${index}`, nominals: [] } });
      expect((await web.stack.http.post('/referrals', body, wyp)).status).toBe(201);
    }
    const other = await web.stack.http.post<{ id: string }>(
      '/referrals',
      referralBody({
        subject: { type: 'OCG', name: `Paging ${tag} other force`, nominals: [] },
        forcesAffected: ['SYP'],
      }),
      syp,
    );

    const visitor = await web.visit();
    await signIn(visitor, PERSONA.wypReferrer);
    const list = await ReferralsListPage.open(visitor.page);
    await list.search(`Paging ${tag}`);
    expect(await list.caption()).toBe(`22 referrals matching “Paging ${tag}”`);
    expect(await list.rows()).toHaveLength(20);
    await list.goToPage('Next');
    const secondPage = await list.rows();
    expect(secondPage).toHaveLength(2);
    expect(secondPage.every((row) => row.subject.startsWith(`Paging ${tag} `))).toBe(true);
    await visitor.expectAccessible();

    const hidden = await visitor.page.goto(`/referrals/${other.body.id}`);
    expect(hidden?.status()).toBe(404);
    expect(await list.heading()).toBe('Page not found');
  });

  it('makes a referral with the keyboard alone', async () => {
    const visitor = await web.visit();
    await signIn(visitor, PERSONA.wypReferrer);
    await visitor.page.goto('/referrals');
    const keyboard = new KeyboardUser(visitor.page);
    const page = visitor.page;
    const continueButton = page.getByRole('button', { name: 'Continue', exact: true }).last();
    await keyboard.press(page.getByRole('button', { name: 'Make a referral' }));

    await keyboard.choose(page.getByRole('group', { name: 'Type of subject' }), 'Operation');
    await keyboard.type(page.getByLabel('Name', { exact: true }), 'Operation Keyboard');
    await keyboard.press(continueButton);

    await keyboard.type(page.getByLabel('Identifier'), 'PND-KEYS-1');
    await keyboard.choose(page.getByRole('group', { name: 'Role in the group' }), 'Principal');
    await keyboard.press(continueButton);

    await keyboard.tick(page.getByLabel('Serious violence'));
    await keyboard.press(continueButton);
    await keyboard.tick(page.getByLabel('West Yorkshire Police'));
    await keyboard.press(continueButton);
    await keyboard.tick(page.getByLabel('Protected persons'));
    await keyboard.press(continueButton);

    await keyboard.choose(page.getByRole('group', { name: 'Urgency' }), 'Priority');
    await keyboard.choose(page.getByRole('group', { name: 'Is there a threat to life?' }), 'No');
    await keyboard.press(continueButton);
    await keyboard.type(page.getByLabel('Threat, risk and harm summary'), 'Typed without a mouse.');
    await keyboard.press(continueButton);

    await keyboard.press(page.getByRole('button', { name: 'Add an intelligence item' }));
    await keyboard.type(page.getByLabel('Report reference'), 'IR-KEYS');
    await keyboard.select(page.getByLabel('Source evaluation'), '1');
    await keyboard.select(page.getByLabel('Intelligence assessment'), 'A');
    await keyboard.select(page.getByLabel('Handling code'), 'P');
    await keyboard.press(continueButton);

    await keyboard.choose(page.getByRole('group', { name: 'What is the classification?' }), 'OFFICIAL');
    await keyboard.press(continueButton);
    await keyboard.press(page.getByRole('button', { name: 'Send referral' }));
    expect(await new ConfirmationPage(page).reference()).toMatch(/^YHROCU-/);
  });

  it('says "try again" when the API is unavailable, keeping the form, and sends it when it is back', async () => {
    const proxy = await SwitchableProxy.start(web.stack.apiBaseUrl);
    try {
      const flaky = await web.stack.startWeb({ API_BASE_URL: proxy.url });
      const visitor = await web.visit(true, flaky);
      await signIn(visitor, PERSONA.wypReferrer);
      await ReferralsListPage.open(visitor.page);
      const submitted = await web.stack.http.post<{ id: string }>(
        '/referrals',
        referralBody(),
        await web.stack.token(['FORCE_REFERRER'], 'WYP'),
      );
      const asked = await web.stack.http.post(
        `/referrals/${submitted.body.id}/triage`,
        { decision: 'REQUEST_INFO', reason: 'Who else?' },
        await web.stack.token(['GATEWAY_ASSESSOR'], 'YHROCU'),
      );
      expect({ status: asked.status, referral: asked.body.status }).toEqual({
        status: 200,
        referral: 'INFO_REQUESTED',
      });
      const page = await ReferralPage.open(visitor.page, submitted.body.id);
      await visitor.page.getByRole('button', { name: 'Answer the information request' }).click();
      await visitor.page.getByLabel('Your answer').fill('Kept while the service was down.');

      proxy.down = true;
      await page.submitWith('Send answer');
      expect(await page.heading()).toBe('Sorry, the service is unavailable');
      expect(await visitor.page.locator('input[name="response"]').inputValue()).toBe(
        'Kept while the service was down.',
      );
      await visitor.expectAccessible();

      proxy.down = false;
      await page.submitWith('Try again');
      expect(await page.notice()).toContain('Your answer has been sent');
      expect(await page.status()).toBe('In triage');

      // A refused form is kept until its page can be shown: a failed read of that page does not lose it.
      const withdrawPath = `/referrals/${submitted.body.id}/withdraw`;
      await visitor.page.goto(withdrawPath);
      const csrfToken = await visitor.page.locator('input[name=_csrf]').first().inputValue();
      const cookie = (await visitor.context.cookies()).find((each) => each.name === SESSION_COOKIE);
      const refused = await fetch(`${flaky}${withdrawPath}`, {
        method: 'POST',
        headers: {
          cookie: `${SESSION_COOKIE}=${cookie?.value ?? ''}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: csrfToken, reason: '   ' }).toString(),
        redirect: 'manual',
      });
      expect({ status: refused.status, location: refused.headers.get('location') }).toEqual({
        status: 303,
        location: withdrawPath,
      });
      proxy.down = true;
      expect((await visitor.page.goto(withdrawPath))?.status()).toBe(503);
      // The 503 is on purpose; the browser logs it as it logs any failed load.
      const logged = visitor.browserErrors.findIndex((text) => /status of 503/.test(text));
      if (logged >= 0) visitor.browserErrors.splice(logged, 1);
      proxy.down = false;
      await visitor.page.goto(withdrawPath);
      expect(await page.errorSummary()).toEqual([{ text: expect.stringContaining('reason'), href: '#reason' }]);
    } finally {
      await proxy.close();
    }
  });

  it('answers an information request and withdraws once each when "Try again" follows a lost answer', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const visitor = await web.visit(false, flaky);
      await signIn(visitor, PERSONA.wypReferrer);
      const submitted = await web.stack.http.post<{ id: string }>(
        '/referrals',
        referralBody(),
        await web.stack.token(['FORCE_REFERRER'], 'WYP'),
      );
      const id = submitted.body.id;
      const asked = await web.stack.http.post(
        `/referrals/${id}/triage`,
        { decision: 'REQUEST_INFO', reason: 'Who else?' },
        await web.stack.token(['GATEWAY_ASSESSOR'], 'YHROCU'),
      );
      expect({ status: asked.status, referral: asked.body.status }).toEqual({
        status: 200,
        referral: 'INFO_REQUESTED',
      });
      const page = await ReferralPage.open(visitor.page, id);
      await page.tryAgainAfterLostAnswer(proxy, () => page.answerInformationRequest('Two couriers.'));
      expect(await page.notice()).toContain('Your answer has been sent');
      expect(await page.status()).toBe('In triage');
      await page.tryAgainAfterLostAnswer(proxy, () => page.withdraw('Charged by the force.'));
      expect(await page.notice()).toContain('withdrawn');
      expect(await page.status()).toBe('Withdrawn');
      const { rows } = await web.stack.db.query<{ action: string }>(
        'SELECT action FROM referral_history WHERE referral_id = $1 ORDER BY seq',
        [id],
      );
      expect(rows.map((row) => row.action)).toEqual(['SUBMIT', 'TRIAGE', 'PROVIDE_INFORMATION', 'WITHDRAW']);
    });
  });

  it('sends a referral edited after a failed send once: as edited if nothing was made, as first sent if it was', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const visitor = await web.visit(true, flaky); // with JavaScript, so axe checks each page
      await signIn(visitor, PERSONA.wypReferrer);
      const questions = new MakeReferralPages(visitor.page);
      const check = new CheckAnswersPage(visitor.page);
      const confirmation = new ConfirmationPage(visitor.page);
      /** Answers a new referral, sends it through `fault`, changes its summary, then sends it again. */
      const sendEditedAfter = async (
        fault: 'down' | 'losesAnswers',
        meanwhile: (subjectName: string) => Promise<unknown> = async () => undefined,
      ): Promise<string> => {
        const subjectName = `Operation Retry ${randomUUID().slice(0, 8)}`;
        await visitor.page.goto('/referrals/new/subject');
        await questions.answerAll({ ...answers(subjectName), summary: 'As first written.' });
        proxy[fault] = true;
        await check.send();
        proxy[fault] = false;
        expect(await check.heading()).toBe('Sorry, the service is unavailable');
        await meanwhile(subjectName);
        await visitor.page.goto('/referrals/new/summary?return=check-answers');
        await questions.summary('As changed after the failure.');
        await check.send();
        return subjectName;
      };
      const confirmed = async () => {
        expect(await confirmation.reference()).toMatch(/^YHROCU-/);
        await visitor.expectAccessible();
      };
      const stored = async (subjectName: string) =>
        (
          await web.stack.db.query<{ summary: string }>(
            `SELECT submission->>'summary' AS summary FROM referrals WHERE submission->'subject'->>'name' = $1
              ORDER BY submitted_at`,
            [subjectName],
          )
        ).rows.map((row) => row.summary);

      // The API was down: nothing was made, so the referral is sent as changed.
      const unmade = await sendEditedAfter('down');
      await confirmed();
      expect(await confirmation.notice()).toBe('');
      expect(await stored(unmade)).toEqual(['As changed after the failure.']);

      // The answer was lost but the referral was made: it is not made twice, and the person is told.
      const made = await sendEditedAfter('losesAnswers');
      await confirmed();
      expect(await confirmation.notice()).toContain('those changes were not sent');
      expect(await stored(made)).toEqual(['As first written.']);

      // The same, but the draft's record of what it sent was overwritten meanwhile (another tab saving it): the
      // person is told it was sent before, and the form takes a new key, so sending again is not refused for good.
      const forgotten = await sendEditedAfter('losesAnswers', (subjectName) =>
        web.stack.db.query(`UPDATE web_draft SET data = data - 'sent' WHERE data::text LIKE '%' || $1 || '%'`, [
          subjectName,
        ]),
      );
      expect(await visitor.page.locator('.govuk-error-summary').innerText()).toContain(
        'You sent this form before and it was recorded',
      );
      await visitor.expectAccessible();
      expect(await stored(forgotten)).toEqual(['As first written.']);
      await check.send();
      await confirmed();
      expect(await stored(forgotten)).toEqual(['As first written.', 'As changed after the failure.']);
      // The 503s are on purpose; the browser logs them as it logs any failed load.
    });
  });
});
