import { randomUUID } from 'node:crypto';
import { DEFAULT_DEADLINE_POLICIES, DeadlinePolicies, ScoringScheme } from '@rocu/domain';
import { SESSION_COOKIE } from '../../apps/web/src/setup/sessions';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_RATIONALE } from '../fixtures/worked-example';
import { eventually, referralBody } from '../support/referral-fixtures';
import { JAVASCRIPT_MODES, useWebStack, Visitor } from '../support/web-test';
import { AssessmentPage, CheckScorePage } from './pages/gateway/assessment-page';
import { GatewayReferralPage } from './pages/gateway/referral-page';
import { TriagePage } from './pages/gateway/triage-page';
import { WorkQueuePage } from './pages/gateway/work-queue-page';
import { SignInPage } from './pages/sign-in-page';
import { PERSONA } from './personas';

/** IMMEDIATE referrals are overdue for triage after a second, PRIORITY ones are due a minute after submission. */
const POLICIES: DeadlinePolicies = {
  ...DEFAULT_DEADLINE_POLICIES,
  IMMEDIATE: { ...DEFAULT_DEADLINE_POLICIES.IMMEDIATE, TRIAGE: { due: { elapsedMs: 1000 }, reminderFraction: 0.5 } },
  PRIORITY: { ...DEFAULT_DEADLINE_POLICIES.PRIORITY, TRIAGE: { due: { elapsedMs: 60_000 }, reminderFraction: 0.5 } },
};

// A second's reference cache, so the test that changes the scoring scheme sees the API read it.
const web = useWebStack({ deadlinePolicies: POLICIES, env: { REFERENCE_CACHE_MS: '1000' } });

interface Seeded {
  id: string;
  reference: string;
  subject: string;
}

/** Submits a WYP referral through the HTTP API, as a force officer would. */
async function seed(subject: string, overrides: Record<string, unknown> = {}): Promise<Seeded> {
  const { nominals, ...rest } = overrides as { nominals?: unknown };
  const response = await web.stack.http.post<{ id: string; reference: string }>(
    '/referrals',
    referralBody({
      subject: {
        type: 'OCG',
        name: subject,
        nominals: nominals ?? [{ identifier: `PND-${randomUUID()}`, role: 'PRINCIPAL' }],
      },
      ...rest,
    }),
    await web.stack.token(['FORCE_REFERRER'], 'WYP'),
  );
  if (response.status !== 201) throw new Error(`seeding answered ${response.status}`);
  return { ...response.body, subject };
}

/** Submits a referral and accepts it for assessment through the HTTP API. */
async function seedAccepted(subject: string): Promise<Seeded> {
  const seeded = await seed(subject);
  const accepted = await web.stack.http.post(
    `/referrals/${seeded.id}/triage`,
    { decision: 'ACCEPT', reason: 'In remit' },
    await web.stack.token(['GATEWAY_ASSESSOR'], 'YHROCU'),
  );
  if (accepted.status !== 200) throw new Error(`accepting answered ${accepted.status}`);
  return seeded;
}

async function signInAs(visitor: Visitor, persona: string): Promise<void> {
  await (await SignInPage.open(visitor.page)).signInAs(persona);
}

const path = (visitor: Visitor): string => new URL(visitor.page.url()).pathname;

/** The scoring scheme's version as the API serves it (it keeps what it read for REFERENCE_CACHE_MS). */
async function servedSchemeVersion(): Promise<number> {
  const response = await web.stack.http.get<ScoringScheme>(
    '/reference/scoring-scheme',
    await web.stack.token(['GATEWAY_ASSESSOR'], 'YHROCU'),
  );
  return response.body.version;
}

/** Runs `use` with a current scoring scheme whose likelihood scale ends at 3, once the API serves it; then undoes it. */
async function withNarrowerLikelihoodScale(use: () => Promise<void>): Promise<void> {
  const { db } = web.stack;
  const [current] = (
    await db.query<{ id: string; version: number; definition: ScoringScheme }>(
      'SELECT id, version, definition FROM scoring_schemes WHERE is_current',
    )
  ).rows;
  // One transaction, so an API reading meanwhile always finds a current scheme (the unique index on is_current is
  // checked row by row, hence two statements).
  const makeCurrent = async (version: number) => {
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE scoring_schemes SET is_current = false WHERE is_current');
      await client.query('UPDATE scoring_schemes SET is_current = true WHERE id = $1 AND version = $2', [
        current.id,
        version,
      ]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await eventually(async () => expect(await servedSchemeVersion()).toBe(version));
  };
  const narrower: ScoringScheme = {
    ...current.definition,
    version: current.version + 1,
    likelihoodScale: { ...current.definition.likelihoodScale, max: 3 },
  };
  await db.query('INSERT INTO scoring_schemes (id, version, definition) VALUES ($1, $2, $3)', [
    current.id,
    narrower.version,
    narrower,
  ]);
  try {
    await makeCurrent(narrower.version);
    await use();
  } finally {
    await makeCurrent(current.version);
  }
}

describe('gateway team journey', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript, label }) => {
    it('works the queue: triage, the assessment grid with the score checked first, and a re-assessment', async () => {
      const tag = label.replace(/\W+/g, ' ').trim();
      const shared = `PND-${randomUUID()}`;
      const routine = await seed(`Op Routine ${tag}`, { nominals: [{ identifier: shared, role: 'PRINCIPAL' }] });
      const urgent = await seed(`Op Urgent ${tag}`, { urgency: 'IMMEDIATE', threatToLife: true });
      const priority = await seed(`Op Priority ${tag}`, { urgency: 'PRIORITY' });
      const overlapping = await seed(`Op Overlap ${tag}`, { nominals: [{ identifier: shared, role: 'ASSOCIATE' }] });
      await new Promise((wake) => setTimeout(wake, 1500)); // the IMMEDIATE triage deadline (1 s) passes

      const visitor = await web.visit(javaScript);
      await signInAs(visitor, PERSONA.assessor);
      const queue = new WorkQueuePage(visitor.page);
      await queue.navigateTo('Work queue');
      expect(await queue.heading()).toBe('Work queue');
      expect((await queue.tabs()).map((text) => text.replace(/ \(\d+\)$/, ''))).toEqual([
        'To triage',
        'Awaiting information',
        'To assess',
        'Awaiting decision',
      ]);
      const rows = await queue.rows();
      const order = rows.map((row) => row.subject);
      expect(order.indexOf(urgent.subject)).toBeLessThan(order.indexOf(priority.subject));
      expect(order.indexOf(priority.subject)).toBeLessThan(order.indexOf(routine.subject));
      expect((await queue.row(urgent.subject))?.deadline).toContain('Overdue');
      expect((await queue.row(priority.subject))?.deadline).toContain('Due today');
      expect((await queue.row(routine.subject))?.deadline).not.toMatch(/Overdue|Due today/);
      expect((await queue.row(routine.subject))?.warnings).toBe('Possible overlap');
      expect((await queue.row(overlapping.subject))?.warnings).toBe('Possible overlap');
      expect((await queue.row(priority.subject))?.warnings).toBe('');
      await visitor.expectAccessible();
      await visitor.screenshot('gateway-work-queue');

      // The referral: de-confliction for the gateway, the sensitive detail only with a reason.
      await queue.openReferral(routine.reference);
      const referral = new GatewayReferralPage(visitor.page);
      expect(await referral.heading()).toBe(routine.subject);
      expect(await referral.deconfliction()).toContain(overlapping.reference);
      expect(await referral.summaryShown()).toBe(false);
      await visitor.expectAccessible();
      await referral.askForSensitiveDetail();
      await referral.justify('short');
      expect(await referral.errorSummary()).toEqual([
        { text: 'Say why you need the sensitive detail, in 10 to 500 characters', href: '#justification' },
      ]);
      await visitor.expectAccessible();
      // Typed as people type: on two lines, with a curly apostrophe (a header carries neither as it is).
      await referral.justify('I’m triaging a firearms\nsupply referral');
      expect(path(visitor)).toBe(`/gateway/referrals/${routine.id}`);
      expect(await referral.summary()).toContain('Supply of firearms');
      const audited = await web.stack.db.query(
        `SELECT 1 FROM audit_log WHERE action = 'REFERRAL_SENSITIVE_VIEWED' AND entity_id = $1 AND justification = $2`,
        [routine.id, 'I’m triaging a firearms supply referral'],
      );
      expect(audited.rowCount).toBeGreaterThan(0);
      await visitor.screenshot('gateway-referral');

      // Triage: refused without a decision, then accepted.
      await referral.startAction('Triage this referral');
      const triage = new TriagePage(visitor.page);
      await triage.submit();
      expect((await triage.errorSummary()).map((entry) => entry.href).sort()).toEqual(['#decision', '#reason']);
      expect(await visitor.page.title()).toMatch(/^Error: /);
      await visitor.expectAccessible();
      await triage.decide('ACCEPT', 'Meets the ROCU threshold');
      expect(path(visitor)).toBe(`/gateway/referrals/${routine.id}`);
      expect(await referral.notice()).toContain('Referral accepted for assessment');
      expect(await referral.status()).toBe('Being assessed');
      await visitor.page.reload(); // post-redirect-get: a refresh re-posts nothing and the notice has gone
      expect(await visitor.page.locator('.govuk-notification-banner').count()).toBe(0);

      // The assessment: an incomplete grid is named field by field, then the score is checked before submitting.
      await referral.startAction('Assess this referral');
      const grid = new AssessmentPage(visitor.page);
      await grid.checkTheScore();
      const missing = (await grid.errorSummary()).map((entry) => entry.href);
      expect(missing).toEqual(
        expect.arrayContaining([
          '#harm-physical',
          '#geographicScope',
          '#likelihood',
          '#organisationalPosition-opportunity',
          '#route',
        ]),
      );
      await visitor.expectAccessible();
      await grid.fill(WORKED_EXAMPLE, 'TTCG', WORKED_EXAMPLE_RATIONALE);
      const live = visitor.page.locator('#score-preview');
      if (javaScript) await expect(grid.liveScore()).resolves.toBe('Score so far: 21.2 (P2)');
      else expect(await live.isVisible()).toBe(false); // without JavaScript, "Check the score" shows it
      await visitor.screenshot('gateway-assessment');
      await grid.checkTheScore();
      const check = new CheckScorePage(visitor.page);
      const errorSummaries = await visitor.page.locator('.govuk-error-summary').count();
      expect({ heading: await check.heading(), errorSummaries }).toEqual({
        heading: 'Check the score',
        errorSummaries: 0,
      });
      expect(await check.score()).toMatch(/Risk score 21\.2\s+Priority band P2/);
      expect(await check.explanation()).toContain('= 100 of a possible 472.5 -> risk score 21.2 (P2)');
      expect(await check.breakdown()).toEqual([
        ['Physical', 'Substantial', '4', '1', '4'],
        ['Psychological', 'Moderate', '2', '1', '2'],
        ['Financial', 'Critical', '8', '1', '8'],
        ['Community', 'Moderate', '2', '1', '2'],
        ['Environmental', 'None', '0', '0.5', '0'],
      ]);
      const before = await web.stack.db.query('SELECT 1 FROM assessments WHERE referral_id = $1', [routine.id]);
      expect(before.rowCount).toBe(0); // checking the score submits nothing
      await visitor.expectAccessible();
      await visitor.screenshot('gateway-check-score');
      await check.submit();
      expect(await referral.notice()).toContain('Assessment recorded: risk score 21.2 (P2)');
      expect(await referral.status()).toBe('Awaiting decision');

      // Re-assessment starts from the last one; the score history keeps both.
      await referral.startAction('Re-assess this referral');
      expect(await grid.radio('harm[financial]', 'critical').isChecked()).toBe(true);
      await grid.radio('likelihood', '5').check();
      await grid.checkTheScore();
      expect(await check.score()).toMatch(/Risk score 26\.5\s+Priority band P2/);
      await check.submit();
      expect(await referral.scoreHistory()).toEqual([
        ['2', '26.5 (P2)'],
        ['1', '21.2 (P2)'],
      ]);
      expect((await referral.timeline()).slice(-3)).toEqual(['Assessed', 'Triaged', 'Submitted']);
      await visitor.expectAccessible();

      // The other triage decisions: a question to the force, and a rejection with its reason.
      await WorkQueuePage.open(visitor.page);
      await queue.openReferral(priority.reference);
      await referral.startAction('Triage this referral');
      await triage.decide('REQUEST_INFO', 'Which nominals are in custody?');
      expect(await referral.status()).toBe('Information requested');
      await WorkQueuePage.open(visitor.page, '?tab=awaiting-information');
      expect(await queue.row(priority.subject)).toBeDefined();
      await WorkQueuePage.open(visitor.page);
      await queue.openReferral(urgent.reference);
      await referral.startAction('Triage this referral');
      await triage.decide('REJECT', 'Already investigated by the force');
      expect(await referral.status()).toBe('Rejected');
    });
  });

  it.each(JAVASCRIPT_MODES)(
    "shows the force's answer to a question only with the sensitive detail $label",
    async ({ label, javaScript }) => {
      const seeded = await seed(`Op Answered ${label}`);
      const question = 'Which nominals are linked to the firearms?';
      const answer = 'Both principals, seen with the weapons by a covert source.';
      const asked = await web.stack.http.post(
        `/referrals/${seeded.id}/triage`,
        { decision: 'REQUEST_INFO', reason: question },
        await web.stack.token(['GATEWAY_ASSESSOR'], 'YHROCU'),
      );
      expect(asked.status).toBe(200);
      const answered = await web.stack.http.post(
        `/referrals/${seeded.id}/information`,
        { response: answer },
        await web.stack.token(['FORCE_REFERRER'], 'WYP'),
      );
      expect(answered.status).toBe(200);

      const visitor = await web.visit(javaScript);
      await signInAs(visitor, PERSONA.assessor);
      await visitor.page.goto(`/gateway/referrals/${seeded.id}`);
      const referral = new GatewayReferralPage(visitor.page);
      expect(await referral.information()).toEqual([
        question,
        'This answer is OFFICIAL-SENSITIVE: give a reason to see it.',
      ]);
      await visitor.expectAccessible();
      await referral.askToSeeAnswer();
      await referral.justify('Reading the answer to my question');
      expect(await referral.information()).toEqual([question, answer]);
    },
  );

  it('pages through a long queue', async () => {
    const seeded = [];
    for (let index = 0; index < 26; index++) seeded.push(await seed(`Op Paging ${index}`, { urgency: 'ROUTINE' }));
    const visitor = await web.visit();
    await signInAs(visitor, PERSONA.assessor);
    const queue = await WorkQueuePage.open(visitor.page, '?tab=to-triage');
    expect(await queue.rows()).toHaveLength(25);
    await queue.nextPage();
    expect(await queue.currentPageNumber()).toBe('2');
    expect(new URL(visitor.page.url()).searchParams.get('page')).toBe('2');
    expect((await queue.rows()).length).toBeGreaterThan(0);
    await visitor.expectAccessible();
  });

  it('completes triage and the assessment with the keyboard alone', async () => {
    const referral = await seed('Op Keyboard');
    const visitor = await web.visit();
    await signInAs(visitor, PERSONA.assessor);
    const keyboard = visitor.page.keyboard;
    /** Presses Tab until the element is focused (a person moving through the page), then returns. */
    const tabTo = async (selector: string): Promise<void> => {
      const target = visitor.page.locator(selector);
      const visited: string[] = [];
      for (let presses = 0; presses < 400; presses++) {
        await keyboard.press('Tab');
        if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
        visited.push(await visitor.page.evaluate<string>('document.activeElement?.outerHTML.slice(0, 100) ?? ""'));
      }
      throw new Error(`could not reach ${selector} with the Tab key; focus went to ${visited.slice(0, 40).join('\n')}`);
    };
    /** Chooses a radio by keyboard: Tab into its group (the first option), then arrow keys to the one wanted. */
    const chooseRadio = async (name: string, values: string[], value: string): Promise<void> => {
      await tabTo(`input[name="${name}"][value="${values[0]}"]`);
      const steps = values.indexOf(value);
      if (steps === 0) await keyboard.press('Space');
      for (let step = 0; step < steps; step++) await keyboard.press('ArrowDown');
    };
    const pressEnterOn = async (selector: string): Promise<void> => {
      await tabTo(selector);
      await Promise.all([visitor.page.waitForEvent('framenavigated'), keyboard.press('Enter')]);
      await visitor.page.waitForLoadState();
    };

    await visitor.page.goto(`/gateway/referrals/${referral.id}`);
    await pressEnterOn('a[href$="/triage"]');
    await chooseRadio('decision', ['ACCEPT', 'REQUEST_INFO', 'REJECT'], 'ACCEPT');
    await tabTo('#reason');
    await keyboard.type('In scope');
    await pressEnterOn('main button.govuk-button');
    const page = new GatewayReferralPage(visitor.page);
    expect(await page.status()).toBe('Being assessed');

    await pressEnterOn('a[href$="/assessment"]');
    const grades = ['none', 'low', 'moderate', 'substantial', 'critical'];
    for (const [element, grade] of Object.entries(WORKED_EXAMPLE.harm))
      await chooseRadio(`harm[${element}]`, grades, grade);
    await tabTo('#rationale-harm');
    await keyboard.type(WORKED_EXAMPLE_RATIONALE.harm);
    /** Every element carries its rationale (domain.md section 4). */
    const rationale = async (element: keyof typeof WORKED_EXAMPLE_RATIONALE): Promise<void> => {
      await tabTo(`#rationale-${element}`);
      await keyboard.type(WORKED_EXAMPLE_RATIONALE[element]);
    };
    await chooseRadio('geographicScope', ['local', 'force', 'regional', 'national', 'international'], 'regional');
    await rationale('geographicScope');
    await chooseRadio('victimVulnerability', ['none', 'vulnerable', 'highly_vulnerable'], 'vulnerable');
    await rationale('victimVulnerability');
    await chooseRadio('likelihood', ['1', '2', '3', '4', '5'], '4');
    await rationale('likelihood');
    await chooseRadio('confidence', ['low', 'medium', 'high'], 'medium');
    await rationale('confidence');
    for (const [factor, value] of Object.entries(WORKED_EXAMPLE.organisationalPosition)) {
      await chooseRadio(`organisationalPosition[${factor}]`, ['1', '2', '3', '4'], String(value));
    }
    await rationale('organisationalPosition');
    await chooseRadio(
      'route',
      ['TTCG', 'COVERT_COMMISSIONING', 'REFER_NATIONAL', 'REFER_PARTNER', 'RETURN_TO_FORCE'],
      'TTCG',
    );
    await rationale('route');
    await pressEnterOn('main button.govuk-button');
    expect(await new CheckScorePage(visitor.page).score()).toMatch(/Risk score 21\.2/);
    await pressEnterOn('main button.govuk-button');
    expect(await page.status()).toBe('Awaiting decision');
  });

  it.each(JAVASCRIPT_MODES)(
    'names on the grid each rationale left blank, keeping the grades chosen $label',
    async ({ label, javaScript }) => {
      const seeded = await seedAccepted(`Operation Unexplained ${label} ${randomUUID().slice(0, 8)}`);
      const visitor = await web.visit(javaScript);
      await signInAs(visitor, PERSONA.assessor);
      const grid = new AssessmentPage(visitor.page);
      await visitor.page.goto(`/gateway/referrals/${seeded.id}/assessment`);
      const { harm, likelihood, route } = WORKED_EXAMPLE_RATIONALE;
      await grid.fill(WORKED_EXAMPLE, 'TTCG', { harm, likelihood, route });
      await grid.checkTheScore();

      expect(path(visitor)).toBe(`/gateway/referrals/${seeded.id}/assessment`);
      expect(await grid.errorSummary()).toEqual([
        { text: 'Enter the rationale for the geographic scope', href: '#rationale-geographicScope' },
        { text: 'Enter the rationale for the victim vulnerability', href: '#rationale-victimVulnerability' },
        { text: 'Enter the rationale for the confidence', href: '#rationale-confidence' },
        { text: 'Enter the rationale for the organisational position', href: '#rationale-organisationalPosition' },
      ]);
      expect(await grid.radio('likelihood', String(WORKED_EXAMPLE.likelihood)).isChecked()).toBe(true);
      expect(await visitor.page.locator('#rationale-harm').inputValue()).toBe(harm);
      await visitor.expectAccessible();
    },
  );

  it('sends a checked grid back to the grid, saying why, once the scoring scheme no longer scores it', async () => {
    const seeded = await seedAccepted(`Operation Moved Scale ${randomUUID().slice(0, 8)}`);
    const visitor = await web.visit();
    await signInAs(visitor, PERSONA.assessor);
    const grid = new AssessmentPage(visitor.page);
    await visitor.page.goto(`/gateway/referrals/${seeded.id}/assessment`);
    await grid.fill(WORKED_EXAMPLE, 'TTCG', WORKED_EXAMPLE_RATIONALE);
    await grid.checkTheScore();
    expect(path(visitor)).toBe(`/gateway/referrals/${seeded.id}/assessment/check`);

    // The likelihood scale shrinks below the grid's 4, and the API reads it within its reference cache's second.
    await withNarrowerLikelihoodScale(async () => {
      await visitor.page.goto(`/gateway/referrals/${seeded.id}/assessment/check`);
      expect(path(visitor)).toBe(`/gateway/referrals/${seeded.id}/assessment`);
      expect(await grid.errorSummary()).toEqual([
        {
          text: expect.stringMatching(/^The scoring scheme changed after you checked the score/),
          href: '#main-content',
        },
        { text: expect.any(String), href: '#likelihood' },
      ]);
      await visitor.expectAccessible();
    });
  });

  it('refuses with clear pages: 403 for a referrer, 404 for an unknown referral, 503 keeping the posted form', async () => {
    const referral = await seed('Op Refusals');
    const referrer = await web.visit();
    await signInAs(referrer, PERSONA.wypReferrer);
    const forbidden = await referrer.page.goto('/gateway');
    expect(forbidden?.status()).toBe(403);
    expect(await new WorkQueuePage(referrer.page).heading()).toBe('You cannot do this');
    await referrer.expectAccessible();

    const assessor = await web.visit();
    await signInAs(assessor, PERSONA.assessor);
    const missing = await assessor.page.goto(`/gateway/referrals/${randomUUID()}`);
    expect(missing?.status()).toBe(404);
    await assessor.expectAccessible();

    // A web app whose API does not answer: the same session (same database and secret), the form kept.
    await assessor.page.goto(`/gateway/referrals/${referral.id}/triage`);
    const csrfToken = await assessor.page.locator('input[name=_csrf]').first().inputValue();
    const cookie = (await assessor.context.cookies()).find((each) => each.name === SESSION_COOKIE);
    const unreachable = await web.stack.startWeb({ API_BASE_URL: 'http://127.0.0.1:9/api/v1', API_TIMEOUT_MS: '2000' });
    const posted = await fetch(`${unreachable}/gateway/referrals/${referral.id}/triage`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${cookie?.value ?? ''}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: csrfToken,
        decision: 'ACCEPT',
        reason: 'Kept when the API is down',
      }).toString(),
      redirect: 'manual',
    });
    expect(posted.status).toBe(503);
    const html = await posted.text();
    expect(html).toContain('Your answers have not been lost');
    expect(html).toContain('name="decision" value="ACCEPT"');
    expect(html).toContain('name="reason" value="Kept when the API is down"');
    const unavailable = await assessor.page.goto(`${unreachable}/gateway`);
    expect(unavailable?.status()).toBe(503);
    expect(await new WorkQueuePage(assessor.page).heading()).toBe('Sorry, the service is unavailable');
    await assessor.expectAccessible();
    // The 503 is on purpose; the browser logs it as it logs any failed load.
    const logged = assessor.browserErrors.findIndex((text) => /status of 503/.test(text));
    expect(logged).toBeGreaterThanOrEqual(0);
    assessor.browserErrors.splice(logged, 1);
    const status = await web.stack.http.get<{ status: string }>(
      `/referrals/${referral.id}`,
      await web.stack.token(['GATEWAY_ASSESSOR'], 'YHROCU'),
    );
    expect(status.body.status).toBe('SUBMITTED');
  });

  it('records one assessment when "Try again" sends it a second time after its answer was lost', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const seeded = await seedAccepted(`Operation Lost Answer ${randomUUID().slice(0, 8)}`);
      const visitor = await web.visit(false, flaky);
      await signInAs(visitor, PERSONA.assessor);
      await visitor.page.goto(`/gateway/referrals/${seeded.id}`);
      const referral = new GatewayReferralPage(visitor.page);
      await referral.startAction('Assess this referral');
      const grid = new AssessmentPage(visitor.page);
      await grid.fill(WORKED_EXAMPLE, 'TTCG', WORKED_EXAMPLE_RATIONALE);
      await grid.checkTheScore();
      await referral.tryAgainAfterLostAnswer(proxy, () => new CheckScorePage(visitor.page).submit());
      expect(await referral.notice()).toContain('Assessment recorded: risk score 21.2 (P2)');
      const { rows } = await web.stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM assessments WHERE referral_id = $1`,
        [seeded.id],
      );
      expect(rows[0].n).toBe(1);
    });
  });

  it('refuses an assessment whose record of what it sent was lost once, saying so, then sends it anew', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const seeded = await seedAccepted(`Operation Forgotten Send ${randomUUID().slice(0, 8)}`);
      const assessed = async () =>
        (
          await web.stack.db.query<{ rationale: string }>(
            `SELECT rationale->>'likelihood' AS rationale FROM assessments WHERE referral_id = $1 ORDER BY seq`,
            [seeded.id],
          )
        ).rows.map((row) => row.rationale);
      const visitor = await web.visit(false, flaky);
      await signInAs(visitor, PERSONA.assessor);
      const grid = new AssessmentPage(visitor.page);
      const check = new CheckScorePage(visitor.page);
      await visitor.page.goto(`/gateway/referrals/${seeded.id}/assessment`);
      await grid.fill(WORKED_EXAMPLE, 'TTCG', WORKED_EXAMPLE_RATIONALE);
      await grid.checkTheScore();
      proxy.losesAnswers = true;
      await check.submit();
      proxy.losesAnswers = false;
      expect(await check.heading()).toBe('Sorry, the service is unavailable');
      // Another tab saved the grid over this session's record of what was sent.
      const forgot = await web.stack.db.query(
        `UPDATE web_session SET sess = (sess::jsonb #- ARRAY['assessmentDrafts', $1, 'sent'])::json
          WHERE sess::text LIKE '%' || $1 || '%'`,
        [seeded.id],
      );
      expect(forgot.rowCount).toBe(1);

      const changed = 'Likelihood, as changed after the failure';
      await visitor.page.goto(`/gateway/referrals/${seeded.id}/assessment`);
      await grid.fill(WORKED_EXAMPLE, 'TTCG', { likelihood: changed });
      await grid.checkTheScore();
      await check.submit();
      expect(path(visitor)).toBe(`/gateway/referrals/${seeded.id}/assessment/check`);
      expect(await check.errorSummary()).toEqual([
        { text: expect.stringContaining('You sent this form before and it was recorded'), href: '#main-content' },
      ]);
      expect(await assessed()).toEqual([WORKED_EXAMPLE_RATIONALE.likelihood]);

      // Told, the assessor sends it again: a re-assessment, not refused for good.
      await check.submit();
      expect(await new GatewayReferralPage(visitor.page).notice()).toContain('Assessment recorded');
      expect(await assessed()).toEqual([WORKED_EXAMPLE_RATIONALE.likelihood, changed]);
    });
  });

  it('records one triage when "Try again" sends it a second time after its answer was lost', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const seeded = await seed(`Operation Lost Triage ${randomUUID().slice(0, 8)}`);
      const visitor = await web.visit(false, flaky);
      await signInAs(visitor, PERSONA.assessor);
      await visitor.page.goto(`/gateway/referrals/${seeded.id}`);
      const referral = new GatewayReferralPage(visitor.page);
      await referral.startAction('Triage this referral');
      const triage = new TriagePage(visitor.page);
      // The API records it, but its answer never reaches the web app; the retry is the same triage, not a 409.
      await referral.tryAgainAfterLostAnswer(proxy, () => triage.decide('ACCEPT', 'Within the remit of the ROCU'));
      expect(await referral.notice()).toContain('Referral accepted for assessment');
      const { rows } = await web.stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM referral_history WHERE referral_id = $1 AND action = 'TRIAGE'`,
        [seeded.id],
      );
      expect(rows[0].n).toBe(1);
    });
  });
});
