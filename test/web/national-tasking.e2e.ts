import { randomUUID } from 'node:crypto';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_RATIONALE } from '../fixtures/worked-example';
import { frozenMeeting } from '../support/meeting-fixtures';
import { meetingBody, referralBody, workedExampleAssessment } from '../support/referral-fixtures';
import { adoptedReferral, ok } from '../support/tasking-fixtures';
import { JAVASCRIPT_MODES, useWebStack, Visitor } from '../support/web-test';
import { KeyboardUser } from './pages/keyboard';
import { DecisionPage } from './pages/meetings/decision-page';
import { MeetingPage } from './pages/meetings/meeting-page';
import { TablesPage, TaskingRequestPage } from './pages/national-tasking-pages';
import { SignInPage } from './pages/sign-in-page';
import { PERSONA } from './personas';

const web = useWebStack();

/** A valid tasking request to Yorkshire and the Humber, scored as the worked example. */
async function fillTaskingRequest(form: TaskingRequestPage, subjectName: string): Promise<void> {
  await form.fillRequest({
    region: 'Yorkshire and the Humber',
    priority: 'Illegal firearms (FIREARMS)',
    subjectName,
    crimeType: 'Illegal firearms',
    force: 'West Yorkshire Police',
    capability: 'Covert surveillance',
  });
  await form.fillScore(WORKED_EXAMPLE, WORKED_EXAMPLE_RATIONALE);
}

async function signIn(visitor: Visitor, persona: string): Promise<void> {
  await (await SignInPage.open(visitor.page)).signInAs(persona);
}

const YORKSHIRE_ROCU = 'Yorkshire and the Humber Regional Organised Crime Unit';

/** The NCA's tasking request made through the API (the chair's and the report's tests start from it). */
async function taskingRequest(): Promise<{ id: string; reference: string }> {
  const { route: _route, ...score } = workedExampleAssessment();
  return ok(
    'tasking request',
    web.stack.http.post<{ id: string; reference: string }>(
      '/national/tasking-requests',
      referralBody({ region: 'YHROCU', nationalPriority: 'FIREARMS', assessment: score }),
      await web.stack.token(['NCA_LIAISON'], 'NCA'),
    ),
  );
}

/** The same href twice, or an href naming no element of the page, would be an error the person cannot follow. */
async function expectEachLinkFindsItsField(visitor: Visitor, hrefs: string[]): Promise<void> {
  for (const href of hrefs)
    expect({ href, found: await visitor.page.locator(href).count() }).toEqual({ href, found: 1 });
}

describe('national tasking, the national rhythm and mutual aid in the web app (issue 16)', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('the NCA sends a tasking request: every refused field named beside it, Check your answers, then its reference', async () => {
      const visitor = await web.visit(javaScript);
      await signIn(visitor, PERSONA.ncaLiaison);
      const form = new TaskingRequestPage(visitor.page);
      await form.navigateTo('Tasking request');
      expect(await form.heading()).toBe('Send a tasking request');
      // Only active priorities are offered.
      const offered = await visitor.page.getByLabel('National priority').locator('option').allInnerTexts();
      expect(offered).toContain('Illegal firearms (FIREARMS)');
      await visitor.expectAccessible();

      // Nothing answered: Check your answers, then the API refuses and the form names every bad field.
      await form.submitWith('Continue');
      expect(await form.heading()).toBe('Check your tasking request');
      await form.submitWith('Send the tasking request');
      expect(new URL(visitor.page.url()).pathname).toBe('/national/tasking-requests/new');
      const refused = await form.errorSummary();
      const hrefs = refused.map((entry) => entry.href);
      expect(hrefs).toEqual(
        expect.arrayContaining([
          '#region',
          '#nationalPriority',
          '#subject-type',
          '#subject-name',
          '#crimeTypes',
          '#forcesAffected',
          '#requestedCapabilities',
          '#urgency',
          '#threatToLife',
          '#summary',
          '#classification',
          '#harm-physical',
          '#likelihood',
          '#rationale-harm',
          '#rationale-route',
        ]),
      );
      expect(refused).toEqual(
        expect.arrayContaining([
          { text: 'Select the region asked to take the work on', href: '#region' },
          { text: 'Select the national priority the work is against', href: '#nationalPriority' },
        ]),
      );
      await expectEachLinkFindsItsField(visitor, hrefs);
      expect(await visitor.page.title()).toMatch(/^Error: /);
      await visitor.expectAccessible();
      await visitor.screenshot('tasking-request-errors');

      const subjectName = `Op Lanyard ${randomUUID().slice(0, 8)}`;
      await fillTaskingRequest(form, subjectName);
      await form.submitWith('Continue');
      expect(await form.answers()).toMatchObject({
        Region: 'Yorkshire and the Humber',
        'National priority': 'Illegal firearms (FIREARMS)',
        Subject: `${subjectName}, Organised crime group`,
        'Forces affected': 'West Yorkshire Police',
        "The NCA's score": 'Risk score 21.2 (P2)',
      });
      await visitor.expectAccessible();
      await visitor.screenshot('tasking-request-check');

      const keyboard = new KeyboardUser(visitor.page);
      await keyboard.press(visitor.page.getByRole('button', { name: 'Send the tasking request' }));
      const reference = await form.reference();
      await visitor.expectAccessible();
      await visitor.screenshot('tasking-request-sent');

      const made = await web.stack.db.query<{ id: string }>('SELECT id FROM referrals WHERE reference = $1', [
        reference,
      ]);
      expect(made.rows).toHaveLength(1);
      const detail = await ok(
        'detail',
        web.stack.http.get<Record<string, unknown>>(
          `/referrals/${made.rows[0].id}`,
          await web.stack.token(['NCA_LIAISON'], 'NCA'),
        ),
      );
      expect(detail).toMatchObject({
        subjectName,
        status: 'AWAITING_DECISION',
        region: 'YHROCU',
        origin: 'NCA_TASKING',
        nationalPriority: 'FIREARMS',
      });
      // Shown once: a refresh starts a new request.
      await visitor.page.reload();
      expect(new URL(visitor.page.url()).pathname).toBe('/national/tasking-requests/new');
    });

    it("the chair's agenda flags the NCA's request; declining it needs a justification, which the agenda then shows", async () => {
      const request = await taskingRequest();
      const meetingId = await frozenMeeting(web.stack);
      // Attendance taken by the chair who then decides in the browser (the chair must be recorded attending).
      const chairToken = await web.stack.token(['TTCG_CHAIR'], 'YHROCU', 'dev-yhrocu-chair');
      await ok(
        'attendance',
        web.stack.http.post(
          `/meetings/${meetingId}/attendance`,
          {
            attendees: [
              { sub: 'dev-yhrocu-chair', name: 'Det Supt Mark Evans', org: 'YHROCU', conflicts: [] },
              { sub: 'member-wyp', name: 'Supt Tom Walsh', org: 'WYP', conflicts: [] },
              { sub: 'member-syp', name: 'DCI Sam Hart', org: 'SYP', conflicts: [] },
            ],
          },
          chairToken,
        ),
      );

      const chair = await web.visit(javaScript);
      await signIn(chair, PERSONA.chair);
      await chair.page.goto(`/meetings/${meetingId}`);
      const meeting = new MeetingPage(chair.page);
      expect(await meeting.itemValue(request.reference, 'National')).toBe('National tasking request (FIREARMS)');
      await chair.expectAccessible();

      await chair.page.goto(`/meetings/${meetingId}/items/${request.id}/decision`);
      const decision = new DecisionPage(chair.page);
      await decision.choose('Decline: return to force', 'Outside our capacity this quarter');
      await decision.continue();
      expect(await decision.errorSummary()).toEqual([
        { text: expect.stringMatching(/justification/i), href: '#declineJustification' },
      ]);
      expect(await chair.page.getByLabel('Rationale').inputValue()).toBe('Outside our capacity this quarter');
      await chair.expectAccessible();
      await chair.screenshot('meeting-national-decline');

      // With the justification the decline is recorded, and the agenda shows why.
      await chair.page
        .getByLabel('Justification for declining (if you decline)')
        .fill('No firearms capacity until March');
      await decision.continue();
      const decided = new MeetingPage(chair.page);
      expect(await decided.banner()).toContain(`Decision recorded on ${request.reference}`);
      expect(await decided.itemValue(request.reference, 'Decision')).toContain('Decline: return to force');
      expect(await chair.page.getByTestId('decline-justification').innerText()).toContain(
        'No firearms capacity until March',
      );
      await chair.expectAccessible();
      // The minutes say the same: the national request, and why it was declined.
      const minutes = await decided.openMinutes();
      const row = (await minutes.rows())
        .map((cells) => cells.map((cell) => cell.replace(/\s+/g, ' ')))
        .find((cells) => cells[1].startsWith(request.reference));
      expect([row?.[1], row?.[5]]).toEqual([
        `${request.reference} National: NCA tasking request, national priority FIREARMS`,
        'Outside our capacity this quarter Decline justification: No firearms capacity until March',
      ]);
      await chair.expectAccessible();

      // The NCA reads the decline, with its justification, in the national report (counts beside their chart).
      const nca = await web.visit(javaScript);
      await signIn(nca, PERSONA.ncaLiaison);
      await nca.page.goto('/national/report');
      const report = new TablesPage(nca.page);
      const declined = (await report.table('report-declines')).find((cells) => cells[0] === request.reference);
      expect(declined).toEqual([
        request.reference,
        'Yorkshire and the Humber Regional Organised Crime Unit',
        'Illegal firearms',
        expect.stringMatching(/^\d{1,2} \w+ \d{4}$/),
        'No firearms capacity until March',
        'Outside our capacity this quarter',
      ]);
      expect((await report.table('report-by-region')).length).toBeGreaterThan(0);
      await nca.expectAccessible();
      await nca.screenshot('national-report');
    });

    it('the NCA adds and retires a national priority and reads the national calendar; other roles are refused', async () => {
      const chairToken = await web.stack.token(['TTCG_CHAIR'], 'YHROCU');
      const covertAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
      await ok('TTCG', web.stack.http.post('/meetings', meetingBody(86_400_000, 2 * 86_400_000), chairToken));
      await ok(
        'covert',
        web.stack.http.post(
          '/meetings',
          { ...meetingBody(86_400_000, 3 * 86_400_000), type: 'COVERT_COMMISSIONING', scheduledFor: covertAt },
          chairToken,
        ),
      );

      const visitor = await web.visit(javaScript);
      await signIn(visitor, PERSONA.ncaLiaison);
      const page = new TablesPage(visitor.page);
      await page.navigateTo('National priorities');
      expect((await page.table('priorities')).map((cells) => cells[0])).toContain('FIREARMS');
      await visitor.expectAccessible();

      await page.submitWith('Add the priority');
      expect((await page.errorSummary()).map((entry) => entry.href).sort()).toEqual(['#code', '#title']);
      await visitor.expectAccessible();
      const code = `TEST_${randomUUID().slice(0, 8).toUpperCase()}`;
      const title = `Kidnap and extortion ${code}`;
      await visitor.page.getByLabel('Code').fill(code);
      await visitor.page.getByLabel('Title').fill(title);
      await page.submitWith('Add the priority');
      expect(await page.notice()).toContain(`National priority added: ${title} (${code})`);
      expect(await page.table('priorities')).toContainEqual([code, title, 'Active', `Retire ${title}`]);
      await visitor.screenshot('national-priorities');

      await page.follow(`Retire ${title}`);
      expect(await page.heading()).toBe(`Retire ${title}?`);
      await visitor.expectAccessible();
      await new KeyboardUser(visitor.page).press(visitor.page.getByRole('button', { name: 'Retire the priority' }));
      expect(await page.notice()).toContain(`National priority retired: ${title} (${code})`);
      const retired = (await page.table('priorities')).find((cells) => cells[0] === code);
      expect(retired?.[2]).toMatch(/^Retired /);
      expect(retired?.[3]).toBe('');
      // A code in use (a retired one stays taken) is refused as taken, not as badly shaped.
      await visitor.page.getByLabel('Code').fill(code);
      await visitor.page.getByLabel('Title').fill(title);
      await page.submitWith('Add the priority');
      expect(await page.errorSummary()).toEqual([{ text: 'A national priority already has this code', href: '#code' }]);

      await page.navigateTo('National calendar');
      const calendar = await page.table('national-calendar');
      expect(calendar.some((cells) => cells[1] === YORKSHIRE_ROCU && cells[2] === 'TTCG')).toBe(true);
      // A covert commissioning meeting: its region and date only.
      expect(calendar).toContainEqual([expect.any(String), YORKSHIRE_ROCU, 'Covert commissioning', '', '']);
      await visitor.expectAccessible();
      await visitor.screenshot('national-calendar');

      // The NCA's pages are for the NCA; mutual aid for ROCU managers.
      const manager = await web.visit(javaScript);
      await signIn(manager, PERSONA.manager);
      const nav = await manager.page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allInnerTexts();
      expect(nav).toContain('Mutual aid');
      expect(nav).not.toContain('National report');
      for (const path of [
        '/national/priorities',
        '/national/calendar',
        '/national/report',
        '/national/tasking-requests/new',
      ]) {
        expect({ path, status: (await manager.page.goto(path))?.status() }).toEqual({ path, status: 403 });
      }
      expect((await visitor.page.goto('/mutual-aid'))?.status()).toBe(403);
    });

    it('ROCU managers lend each other an SIO: asked, refused without a reason, approved naming an SIO; another request withdrawn', async () => {
      const tasking = await adoptedReferral(web.stack);
      const reference = (
        await ok(
          'tasking',
          web.stack.http.get<{ reference: string }>(
            `/referrals/${tasking}`,
            await web.stack.token(['ROCU_MANAGER'], 'YHROCU'),
          ),
        )
      ).reference;

      const borrower = await web.visit(javaScript);
      await signIn(borrower, PERSONA.manager);
      const mine = new TablesPage(borrower.page);
      await mine.navigateTo('Mutual aid');
      await mine.press('Ask another region for help');
      await mine.submitWith('Send the request');
      const hrefs = (await mine.errorSummary()).map((entry) => entry.href).sort();
      expect(hrefs).toEqual(['#kind', '#lendingRegion', '#reason', '#referralId']);
      await expectEachLinkFindsItsField(borrower, hrefs);
      await borrower.expectAccessible();

      const ask = async (kind: string, reason: string, capability?: string) => {
        await borrower.page
          .getByLabel('Tasking the help is for')
          .selectOption({ label: `${reference}: Operation Kestrel` });
        await borrower.page.getByLabel('Region you are asking').selectOption({ label: 'East Midlands' });
        await borrower.page.getByLabel(kind, { exact: true }).check();
        if (capability)
          await borrower.page.getByLabel('Capability (for a capability request)').selectOption({ label: capability });
        await borrower.page.getByLabel('Why does your region need the help?').fill(reason);
        await mine.submitWith('Send the request');
      };
      await ask('An SIO', 'Both our firearms SIOs are committed to Operation Larch');
      expect(await mine.notice()).toContain('Request sent to East Midlands Special Operations Unit');
      expect((await mine.table('mutual-aid-made'))[0]).toEqual([
        expect.any(String),
        reference,
        'East Midlands Special Operations Unit',
        'An SIO',
        'Both our firearms SIOs are committed to Operation Larch',
        'Requested',
        '',
        `Withdraw the request for ${reference}`,
      ]);
      await borrower.expectAccessible();
      await borrower.screenshot('mutual-aid');

      const lender = await web.visit(javaScript);
      await signIn(lender, PERSONA.emsouManager);
      const theirs = new TablesPage(lender.page);
      await theirs.navigateTo('Mutual aid');
      const received = (await theirs.table('mutual-aid-received'))[0];
      // The lending region sees the tasking's priority band, never its reference.
      expect(received.slice(1, 6)).toEqual([
        'A tasking (P2)',
        YORKSHIRE_ROCU,
        'An SIO',
        'Both our firearms SIOs are committed to Operation Larch',
        'Requested',
      ]);
      await theirs.follow('Approve or refuse the request for A tasking (P2)');
      await lender.expectAccessible();
      await lender.page.getByLabel('Refuse', { exact: true }).check();
      await theirs.submitWith('Send your decision');
      expect(await theirs.errorSummary()).toEqual([{ text: expect.any(String), href: '#reason' }]);
      await lender.expectAccessible();
      await lender.page.getByLabel('Approve', { exact: true }).check();
      await theirs.submitWith('Send your decision');
      expect((await theirs.errorSummary()).map((entry) => entry.href)).toEqual(['#officerSub']);
      await lender.screenshot('mutual-aid-decision');
      // The same form in a second tab, sent once the first has decided (as a retry after a lost answer is).
      const secondTab = new TablesPage(await lender.context.newPage());
      await secondTab.page.goto(new URL(lender.page.url()).pathname);
      await secondTab.page.getByLabel('Refuse', { exact: true }).check();
      await secondTab.page.getByLabel('Reason (required to refuse)').fill('Sent from a second tab');
      const keyboard = new KeyboardUser(lender.page);
      await keyboard.choose(lender.page.getByRole('group', { name: 'Your decision' }), 'Approve');
      const sio = lender.page.getByLabel('SIO you lend (to approve)');
      const lent = (await sio.locator('option').allInnerTexts())[1];
      await sio.selectOption({ index: 1 });
      await keyboard.type(lender.page.getByLabel('Reason (required to refuse)'), 'For six months');
      await keyboard.press(lender.page.getByRole('button', { name: 'Send your decision' }));
      const lentName = lent.replace(/ \(.*$/, '');
      expect(await theirs.notice()).toContain(`Request approved: ${lentName} is lent`);
      await secondTab.submitWith('Send your decision');
      expect(new URL(secondTab.page.url()).pathname).toBe('/mutual-aid');
      expect(await secondTab.notice()).toContain('This request has already been approved');
      await secondTab.page.close();

      await borrower.page.reload();
      const approved = (await mine.table('mutual-aid-made'))[0];
      expect(approved.slice(5)).toEqual(['Approved', `SIO lent: ${lentName}. For six months`, '']);

      // A second request, for a capability, withdrawn before it is decided: the reason is required.
      await mine.press('Ask another region for help');
      await ask('A capability', 'Need a covert surveillance team for a week', 'Covert surveillance');
      await mine.follow(`Withdraw the request for ${reference}`);
      await mine.submitWith('Withdraw the request');
      expect((await mine.errorSummary()).map((entry) => entry.href)).toEqual(['#reason']);
      await borrower.expectAccessible();
      await borrower.page.getByLabel('Why are you withdrawing it?').fill('The force found a team');
      await mine.submitWith('Withdraw the request');
      expect(await mine.notice()).toContain('Request withdrawn');
      expect((await mine.table('mutual-aid-made'))[0].slice(3, 7)).toEqual([
        'Capability: Covert surveillance',
        'Need a covert surveillance team for a week',
        'Withdrawn',
        'The force found a team',
      ]);
    });
  });
});

describe('asking another region for help, when an answer is lost', () => {
  it('asks once when "Try again" sends the request again; a changed form under a used key gets a new one', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const tasking = await adoptedReferral(web.stack);
      const manager = await web.stack.token(['ROCU_MANAGER'], 'YHROCU');
      const { reference } = await ok(
        'tasking',
        web.stack.http.get<{ reference: string }>(`/referrals/${tasking}`, manager),
      );
      const visitor = await web.visit(true, flaky);
      await signIn(visitor, PERSONA.manager);
      const page = new TablesPage(visitor.page);
      const ask = async (reason: string) => {
        await visitor.page
          .getByLabel('Tasking the help is for')
          .selectOption({ label: `${reference}: Operation Kestrel` });
        await visitor.page.getByLabel('Region you are asking').selectOption({ label: 'East Midlands' });
        await visitor.page.getByLabel('An SIO', { exact: true }).check();
        await visitor.page.getByLabel('Why does your region need the help?').fill(reason);
        await page.submitWith('Send the request');
      };
      const requests = async () =>
        (
          await web.stack.db.query<{ reason: string }>(
            'SELECT reason FROM mutual_aid_requests WHERE referral_id = $1',
            [tasking],
          )
        ).rows.map((row) => row.reason);
      const key = visitor.page.locator('input[name="key"]');

      await visitor.page.goto('/mutual-aid/new');
      const firstKey = await key.inputValue();
      await page.tryAgainAfterLostAnswer(proxy, () => ask('Our SIOs are committed'));
      expect(await page.notice()).toContain('Request sent to East Midlands Special Operations Unit');
      expect(await requests()).toEqual(['Our SIOs are committed']);

      // A browser may restore a form's hidden key on Back: changed and sent under a key already used, the form comes
      // back saying so, with a new key, and nothing is sent.
      await visitor.page.goto('/mutual-aid/new');
      await key.evaluate((input: { value: string }, used: string) => (input.value = used), firstKey);
      await ask('Changed after it was sent');
      expect(await page.errorSummary()).toEqual([
        { text: expect.stringContaining('You sent this form before and it was recorded'), href: '#main-content' },
      ]);
      expect(await key.inputValue()).not.toBe(firstKey);
      await visitor.expectAccessible();
      expect(await requests()).toEqual(['Our SIOs are committed']);
    });
  });

  it('adds a national priority once when "Try again" sends it again, and says so', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const visitor = await web.visit(false, flaky);
      await signIn(visitor, PERSONA.ncaLiaison);
      const page = new TablesPage(visitor.page);
      await visitor.page.goto('/national/priorities');
      const code = `RETRY_${randomUUID().slice(0, 8).toUpperCase()}`;
      await visitor.page.getByLabel('Code').fill(code);
      await visitor.page.getByLabel('Title').fill(`Sent twice ${code}`);
      await page.tryAgainAfterLostAnswer(proxy, () => page.submitWith('Add the priority'));
      // Not "already has this code": the second send was the same request, answered as recorded.
      expect(await page.notice()).toContain(`National priority added: Sent twice ${code} (${code})`);
    });
  });

  it('records a decision or a withdrawal once when "Try again" sends it again, and says so', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const tasking = await adoptedReferral(web.stack);
      const manager = await web.stack.token(['ROCU_MANAGER'], 'YHROCU');
      const request = async (reason: string) =>
        (
          await ok(
            'mutual aid',
            web.stack.http.post<{ id: string }>(
              '/mutual-aid-requests',
              {
                referralId: tasking,
                lendingRegion: 'EMSOU',
                kind: 'CAPABILITY',
                capability: 'COVERT_SURVEILLANCE',
                reason,
              },
              manager,
            ),
          )
        ).id;
      const moves: [persona: string, path: string, fill: string, button: string, notice: string][] = [
        [PERSONA.emsouManager, 'decision', 'Reason (required to refuse)', 'Send your decision', 'Request refused'],
        [PERSONA.manager, 'withdrawal', 'Why are you withdrawing it?', 'Withdraw the request', 'Request withdrawn'],
      ];
      for (const [persona, path, fill, button, notice] of moves) {
        const id = await request(`Needed before the ${path}`);
        const visitor = await web.visit(false, flaky);
        await signIn(visitor, persona);
        const page = new TablesPage(visitor.page);
        await visitor.page.goto(`/mutual-aid/${id}/${path}`);
        if (path === 'decision') await visitor.page.getByLabel('Refuse', { exact: true }).check();
        await visitor.page.getByLabel(fill).fill('Not now');
        await page.tryAgainAfterLostAnswer(proxy, () => page.submitWith(button));
        // Not "already refused": the second send was the same decision, answered as recorded.
        expect(await page.notice()).toContain(notice);
        await visitor.close();
      }
    });
  });
});

describe('a tasking request whose record of what it sent was lost', () => {
  it('is refused once, saying it was sent before, then sent anew under a new key', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const visitor = await web.visit(false, flaky);
      await signIn(visitor, PERSONA.ncaLiaison);
      const form = new TaskingRequestPage(visitor.page);
      const subjectName = `Op Tether ${randomUUID().slice(0, 8)}`;
      const summaries = async () =>
        (
          await web.stack.db.query<{ summary: string }>(
            `SELECT submission->>'summary' AS summary FROM referrals WHERE subject_name = $1 ORDER BY submitted_at`,
            [subjectName],
          )
        ).rows.map((row) => row.summary);
      await visitor.page.goto('/national/tasking-requests/new');
      await fillTaskingRequest(form, subjectName);
      await form.submitWith('Continue');
      proxy.losesAnswers = true;
      await form.submitWith('Send the tasking request');
      proxy.losesAnswers = false;
      expect(await form.heading()).toBe('Sorry, the service is unavailable');
      // Another tab saved the request over this session's record of what was sent.
      const forgot = await web.stack.db.query(
        `UPDATE web_session SET sess = (sess::jsonb #- '{taskingRequest,sent}')::json WHERE sess::text LIKE $1`,
        [`%${subjectName}%`],
      );
      expect(forgot.rowCount).toBe(1);

      const changed = 'Firearms supply, as changed after the failure';
      await visitor.page.goto('/national/tasking-requests/new');
      await visitor.page.getByLabel('Threat, risk and harm summary').fill(changed);
      await form.submitWith('Continue');
      await form.submitWith('Send the tasking request');
      expect(new URL(visitor.page.url()).pathname).toBe('/national/tasking-requests/new');
      expect(await form.errorSummary()).toEqual([
        { text: expect.stringContaining('You sent this form before and it was recorded'), href: '#main-content' },
      ]);
      expect(await summaries()).toEqual(['Firearms supply into the region from abroad']);

      // Told, the person sends it again: a new request, not refused for good.
      await form.submitWith('Continue');
      await form.submitWith('Send the tasking request');
      expect(await form.reference()).toMatch(/^YHROCU-/);
      expect(await summaries()).toEqual(['Firearms supply into the region from abroad', changed]);
    });
  });
});
