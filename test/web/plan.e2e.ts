import {
  activeReferral,
  addPlanAction,
  adoptedReferral,
  ok,
  planOwnerTokens,
  SIO_DRUGS_AND_FIREARMS,
  WYP_LRO,
} from '../support/tasking-fixtures';
import { ratifyUrgentAdoptions } from '../support/meeting-fixtures';
import { JAVASCRIPT_MODES, useWebStack, Visitor } from '../support/web-test';
import { KeyboardUser } from './pages/keyboard';
import { PlanPage } from './pages/plan-pages';
import { ReferralPage } from './pages/referral-page';
import { ReferralsListPage } from './pages/referrals-list-page';
import { SignInPage } from './pages/sign-in-page';
import { PERSONA } from './personas';

const web = useWebStack();

async function signedIn(persona: string, javaScript: boolean): Promise<Visitor> {
  const visitor = await web.visit(javaScript);
  await (await SignInPage.open(visitor.page)).signInAs(persona);
  return visitor;
}

/** A referral's reference, read by its referrer through the API. */
async function referenceOf(id: string): Promise<string> {
  const referrer = await web.stack.token(['FORCE_REFERRER'], 'WYP');
  return (await ok('read', web.stack.http.get<{ reference: string }>(`/referrals/${id}`, referrer))).reference;
}

/** Next year's 31 January: within the API's window for a due date whenever the suite runs. */
const DUE_YEAR = String(new Date().getUTCFullYear() + 1);

const ACTION = {
  pillar: 'Pursue',
  description: 'Arrest the principals at the Leeds address',
  ownerOrg: 'West Yorkshire Police',
  ownerName: 'DS Owner',
  due: ['31', '1', DUE_YEAR] as [string, string, string],
  partners: 'Leeds City Council',
};

describe('the tasking’s owners: the ROCU manager allocates the SIO, the force names its LRO', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('allocates an SIO from the candidates and names the LRO, which starts the plan', async () => {
      const id = await adoptedReferral(web.stack);
      const reference = await referenceOf(id);

      const manager = await signedIn(PERSONA.manager, javaScript);
      const taskings = new PlanPage(manager.page);
      await manager.page.goto('/');
      await taskings.navigateTo('Taskings');
      await manager.expectAccessible();
      await taskings.loadNextPage(manager.page.getByRole('link', { name: `Allocate an SIO for ${reference}` }));
      expect(await taskings.heading()).toBe('Allocate an SIO');
      await manager.expectAccessible();
      await manager.screenshot('allocate-sio');

      await taskings.submitWith('Allocate the SIO');
      expect(await taskings.errorSummary()).toEqual(
        expect.arrayContaining([
          { text: 'Select the SIO to allocate', href: '#officerSub' },
          { text: 'Say why this officer, in at most 4000 characters', href: '#justification' },
          {
            text: 'Select whether the SIO has declared a conflict of interest',
            href: '#conflictDeclaration-hasConflict',
          },
        ]),
      );
      await manager.expectAccessible();
      await manager.page.getByRole('radio', { name: 'DCI Bhatti' }).check();
      await manager.page.getByLabel('Why this officer?').fill('Drugs and firearms specialist');
      // Fixtures give this SIO every tasking of the run, past their capacity: the API asks why.
      await manager.page.getByLabel('Exception justification (if needed)').fill('Test fixture: every tasking');
      await manager.page.getByRole('radio', { name: 'No', exact: true }).check();
      await taskings.submitWith('Allocate the SIO');
      expect(await taskings.notice()).toContain(`DCI Bhatti allocated as SIO of ${reference}`);
      expect(new URL(manager.page.url()).pathname).toBe('/taskings');
      const waiting = manager.page.getByRole('link', { name: `Waiting for the force’s LRO for ${reference}` });
      expect(await waiting.count()).toBe(1);
      await manager.screenshot('taskings');

      const referrer = await signedIn(PERSONA.wypReferrer, javaScript);
      const referral = await ReferralPage.open(referrer.page, id);
      expect(await referral.status()).toBe('SIO allocated');
      await referral.loadNextPage(referrer.page.getByRole('button', { name: 'Name the LRO' }));
      await referrer.expectAccessible();
      await referrer.page.getByLabel('Name of the LRO').fill('DI Clarke');
      await referrer.page.getByLabel('Their sign-in ID').fill(WYP_LRO);
      await referral.submitWith('Name the LRO');
      expect(await referral.notice()).toContain('DI Clarke is named as the LRO');
      expect(await referral.status()).toBe('Active');
      await referral.loadNextPage(referrer.page.getByRole('link', { name: 'The 4P plan' }));
      expect(await new PlanPage(referrer.page).summary()).toMatchObject({
        'Senior investigating officer (SIO)': 'DCI Bhatti',
        'Lead responsible officer (LRO)': 'DI Clarke',
      });
    });
  });
});

describe('the tasking’s owners change: the ROCU manager reallocates the SIO, the force replaces its LRO', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('each gives a reason, and the referral and its plan name the new owners', async () => {
      const id = await activeReferral(web.stack);
      const reference = await referenceOf(id);

      const manager = await signedIn(PERSONA.manager, javaScript);
      const managed = await ReferralPage.open(manager.page, id);
      expect(await managed.offers('Replace the LRO')).toBe(false);
      await managed.loadNextPage(manager.page.getByRole('button', { name: 'Reallocate the SIO' }));
      expect(await managed.heading()).toBe('Reallocate the SIO');
      await manager.screenshot('reallocate-sio');
      await managed.submitWith('Reallocate the SIO');
      expect(await managed.errorSummary()).toEqual(
        expect.arrayContaining([
          { text: 'Select the SIO to allocate', href: '#officerSub' },
          { text: 'Say why the officer changes, in at most 2000 characters', href: '#reason' },
        ]),
      );
      await manager.expectAccessible();
      await manager.page.getByRole('radio', { name: 'DCI Bhatti' }).check();
      await manager.page.getByLabel('Why this officer?').fill('Firearms specialist');
      await manager.page.getByLabel('Exception justification (if needed)').fill('Test fixture: every tasking');
      await manager.page.getByRole('radio', { name: 'No', exact: true }).check();
      await manager.page.getByLabel('Why is the SIO changing?').fill('The SIO moves to another operation');
      await managed.submitWith('Reallocate the SIO');
      expect(await managed.notice()).toContain(`DCI Bhatti is now the SIO of ${reference}`);
      expect(new URL(manager.page.url()).pathname).toBe(`/referrals/${id}`);

      const referrer = await signedIn(PERSONA.wypReferrer, javaScript);
      const referral = await ReferralPage.open(referrer.page, id);
      expect(await referral.offers('Reallocate the SIO')).toBe(false);
      await referral.loadNextPage(referrer.page.getByRole('button', { name: 'Replace the LRO' }));
      expect(await referral.heading()).toBe('Replace the lead responsible officer (LRO)');
      await referrer.page.getByLabel('Name of the LRO').fill('DI Patel');
      await referrer.page.getByLabel('Their sign-in ID').fill('lro-syp');
      await referral.submitWith('Replace the LRO');
      expect(await referral.errorSummary()).toEqual([
        { text: 'Say why the officer changes, in at most 2000 characters', href: '#reason' },
      ]);
      await referrer.expectAccessible();
      await referrer.page.getByLabel('Why is the LRO changing?').fill('The OCG moved to Sheffield');
      await referral.submitWith('Replace the LRO');
      expect(await referral.notice()).toContain('DI Patel is now the LRO');
      expect(await referral.details()).toMatchObject({
        'Senior investigating officer (SIO)': 'DCI Bhatti',
        'Lead responsible officer (LRO)': 'DI Patel',
      });
      await referral.loadNextPage(referrer.page.getByRole('link', { name: 'The 4P plan' }));
      expect(await new PlanPage(referrer.page).summary()).toMatchObject({
        'Senior investigating officer (SIO)': 'DCI Bhatti',
        'Lead responsible officer (LRO)': 'DI Patel',
      });
    });
  });
});

describe('the tasking’s owner changes, offered only to whom they belong and only while they apply', () => {
  it('is 403 for a role without the pages, 404 for a record or a state the person may not change', async () => {
    const [adopted, active] = [await adoptedReferral(web.stack), await activeReferral(web.stack)];
    const statusFor = async (persona: string, paths: string[]) => {
      const { page } = await signedIn(persona, true);
      const statuses: Record<string, number | undefined> = {};
      for (const path of paths) statuses[path] = (await page.goto(path))?.status();
      return statuses;
    };
    expect(
      await statusFor(PERSONA.manager, [
        `/referrals/${active}/lro/replacement`,
        `/taskings/${adopted}/sio/reallocation`,
      ]),
    ).toEqual({ [`/referrals/${active}/lro/replacement`]: 404, [`/taskings/${adopted}/sio/reallocation`]: 404 });
    expect(
      await statusFor(PERSONA.wypReferrer, [
        `/taskings/${active}/sio/reallocation`,
        `/referrals/${adopted}/lro/replacement`,
      ]),
    ).toEqual({ [`/taskings/${active}/sio/reallocation`]: 403, [`/referrals/${adopted}/lro/replacement`]: 404 });
    expect(await statusFor(PERSONA.sypReferrer, [`/referrals/${active}/lro/replacement`])).toEqual({
      [`/referrals/${active}/lro/replacement`]: 404,
    });
    expect(await statusFor(PERSONA.emsouManager, [`/taskings/${active}/sio/reallocation`])).toEqual({
      [`/taskings/${active}/sio/reallocation`]: 404,
    });
  });
});

describe('the 4P plan, kept by the SIO and the LRO together', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('the SIO adds an action and a disruption and finishes the action; both sign the joint review', async () => {
      const id = await activeReferral(web.stack, SIO_DRUGS_AND_FIREARMS, WYP_LRO);
      const reference = await referenceOf(id);

      // The SIO finds the tasking among their referrals, and its plan from the referral's page.
      const sio = await signedIn(PERSONA.sio, javaScript);
      const list = await ReferralsListPage.open(sio.page, `?q=${reference}`);
      expect(await sio.page.getByRole('button', { name: 'Make a referral' }).count()).toBe(0);
      await list.openReferral(reference);
      await new ReferralPage(sio.page).loadNextPage(sio.page.getByRole('link', { name: 'The 4P plan' }));
      const plan = new PlanPage(sio.page);
      expect(new URL(sio.page.url()).pathname).toBe(`/referrals/${id}/plan`);
      expect(await plan.summary()).toMatchObject({
        Plan: 'Open',
        'Lead responsible officer (LRO)': 'DI Clarke',
      });
      expect(await plan.table('plan-balance')).toEqual([
        ['Pursue', '0', '0'],
        ['Prevent', '0', '0'],
        ['Protect', '0', '0'],
        ['Prepare', '0', '0'],
      ]);
      await sio.expectAccessible();

      // An empty action form names every question; the typed date comes back in its boxes.
      await plan.start('Add an action');
      await plan.submitWith('Add the action');
      expect(await plan.errorSummary()).toEqual([
        { text: 'Select the pillar the action is under', href: '#pillar' },
        { text: 'Describe the action, in at most 4000 characters', href: '#description' },
        { text: 'Enter the organisation that owns the action, in at most 200 characters', href: '#ownerOrg' },
        { text: 'Enter the name of the person who owns the action, in at most 200 characters', href: '#ownerName' },
        { text: 'Enter the date the action is due, for example 31 1 2027', href: '#dueAt-day' },
      ]);
      await sio.expectAccessible();
      await plan.fillAction(ACTION);
      await plan.submitWith('Add the action');
      expect(await plan.notice()).toContain('Action added to the plan');
      expect(await plan.table('actions-pursue')).toEqual([
        [
          ACTION.description,
          'DS Owner, West Yorkshire Police',
          `31 January ${DUE_YEAR}`,
          'Planned',
          `Change the status of ${ACTION.description}`,
        ],
      ]);

      await plan.start('Record a disruption');
      await plan.fillDisruption('Protect', 'Moderate', 'Closed a cuckooed address', ['20', '11', '2026']);
      await plan.submitWith('Record the disruption');
      expect(await plan.notice()).toContain('Disruption recorded');
      expect(await plan.table('disruptions')).toEqual([
        ['20 November 2026', 'Protect', 'Moderate', 'Closed a cuckooed address'],
      ]);

      // Finishing an action needs its outcome.
      await plan.changeStatusOf(ACTION.description);
      await plan.chooseStatus('Complete');
      await plan.submitWith('Save the status');
      expect(await plan.errorSummary()).toEqual([
        { text: 'Enter the outcome of a complete or abandoned action, in at most 4000 characters', href: '#outcome' },
      ]);
      await sio.expectAccessible();
      await plan.chooseStatus('Complete', 'Three arrested and charged');
      await plan.submitWith('Save the status');
      expect(await plan.table('actions-pursue')).toEqual([
        [
          `${ACTION.description} Outcome: Three arrested and charged`,
          'DS Owner, West Yorkshire Police',
          `31 January ${DUE_YEAR}`,
          'Complete',
          '',
        ],
      ]);
      expect(await plan.table('plan-balance')).toEqual([
        ['Pursue', '1', '0'],
        ['Prevent', '0', '0'],
        ['Protect', '0', '1'],
        ['Prepare', '0', '0'],
      ]);

      await plan.start('Sign the joint review');
      await plan.writeReview('Pursue complete; Protect under way');
      await plan.submitWith('Sign the review');
      expect(await plan.reviewHeadings()).toEqual(['Open review, waiting for the LRO to sign']);
      await sio.expectAccessible();
      await sio.screenshot('4p-plan');

      // The LRO completes the review from their own session.
      const lro = await signedIn(PERSONA.wypLro, javaScript);
      const lroPlan = await PlanPage.open(lro.page, id);
      await lroPlan.start('Sign the joint review');
      expect(await lroPlan.page.locator('main').innerText()).toContain('Pursue complete; Protect under way');
      await lroPlan.writeReview('Agreed: Prevent work next');
      await lroPlan.submitWith('Sign the review');
      expect(await lroPlan.notice()).toContain('Joint review signed');
      expect(await lroPlan.reviewHeadings()).toEqual([expect.stringMatching(/^Review completed /)]);
      // One joint review a cycle: the next is not offered (nor found) before it opens, and the page says when.
      expect(await lroPlan.offers('Sign the joint review')).toBe(false);
      expect(await lroPlan.page.getByTestId('review-opens').innerText()).toMatch(
        /^This cycle’s joint review is complete\. The next can be signed from \d/,
      );
      await lro.expectAccessible();
      expect((await lro.page.goto(`/referrals/${id}/plan/review`))?.status()).toBe(404);

      // The urgent adoption awaits its ratification, so the tasking cannot close yet, and the page says why.
      const manager = await signedIn(PERSONA.manager, javaScript);
      const waiting = await ReferralPage.open(manager.page, id);
      expect(await waiting.page.getByTestId('ratification-pending').innerText()).toContain(
        'The tasking can be closed once that meeting has ruled on it.',
      );
      expect(await waiting.page.getByRole('button', { name: 'Close this tasking' }).count()).toBe(0);
      await manager.expectAccessible();

      // Once ratified, the ROCU manager closes the tasking with its outcome; the plan is then read-only.
      await ratifyUrgentAdoptions(web.stack, [id]);
      const referral = await ReferralPage.open(manager.page, id);
      expect(await referral.page.getByTestId('ratification-pending').count()).toBe(0);
      await referral.loadNextPage(manager.page.getByRole('button', { name: 'Close this tasking' }));
      await referral.submitWith('Close the tasking');
      expect(await referral.errorSummary()).toEqual([
        { text: expect.stringContaining('outcome') as string, href: '#outcome' },
      ]);
      await manager.expectAccessible();
      await manager.page.getByLabel('What was the outcome?').fill('Principals charged; address closed');
      await referral.submitWith('Close the tasking');
      expect(await referral.notice()).toContain('The tasking has been closed');
      expect(await referral.status()).toBe('Closed');
      const closed = await PlanPage.open(manager.page, id);
      expect(await closed.summary()).toMatchObject({ Plan: 'Closed: read only' });
      const sioView = await PlanPage.open(sio.page, id);
      expect(await sioView.summary()).toMatchObject({ Plan: 'Closed: read only' });
      expect(await sioView.offers('Add an action')).toBe(false);
    });
  });

  it('a change the other owner made meanwhile is refused, not overwritten, and shown as it now stands', async () => {
    const id = await activeReferral(web.stack, SIO_DRUGS_AND_FIREARMS, WYP_LRO);
    const owners = await planOwnerTokens(web.stack, SIO_DRUGS_AND_FIREARMS, WYP_LRO);
    const actionId = await addPlanAction(web.stack, id, owners.sio);
    const change = (body: Record<string, unknown>) =>
      ok(
        'change',
        web.stack.http.request('PATCH', `/referrals/${id}/plan/actions/${actionId}`, { body, token: owners.lro }),
      );
    const sio = await signedIn(PERSONA.sio, true);
    const form = await PlanPage.open(sio.page, id, `/actions/${actionId}`);
    await form.chooseStatus('Abandoned', 'No longer needed');

    // The LRO makes it ACTIVE while the SIO's form is open: the SIO's save is refused, and the form shows it now.
    await change({ status: 'ACTIVE', version: 1 });
    await form.submitWith('Save the status');
    expect(await form.errorSummary()).toEqual([
      { text: expect.stringContaining('has changed since version 1') as string, href: '#main-content' },
    ]);
    expect(await form.page.getByRole('radio', { name: 'Active', exact: true }).isChecked()).toBe(true);
    expect(await form.page.locator('main').innerText()).toMatch(/Status now\s+Active/);
    expect(await form.page.getByLabel('Outcome').inputValue()).toBe('No longer needed');
    await sio.expectAccessible();

    // The LRO finishes it meanwhile: the form no longer applies, and the refusal is shown on the plan instead.
    await change({ status: 'COMPLETE', outcome: 'Done by the force', version: 2 });
    await form.chooseStatus('Abandoned', 'No longer needed');
    await form.submitWith('Save the status');
    expect(new URL(sio.page.url()).pathname).toBe(`/referrals/${id}/plan`);
    expect(await form.errorSummary()).toEqual([
      { text: expect.stringContaining('has changed since version 2') as string, href: '#main-content' },
    ]);
    expect(await form.table('actions-pursue')).toEqual([
      [expect.stringContaining('Outcome: Done by the force'), expect.any(String), expect.any(String), 'Complete', ''],
    ]);
  });

  it('the SIO adds an action and signs the joint review by keyboard alone', async () => {
    const id = await activeReferral(web.stack, SIO_DRUGS_AND_FIREARMS, WYP_LRO);
    const sio = await signedIn(PERSONA.sio, true);
    const plan = await PlanPage.open(sio.page, id);
    const keyboard = new KeyboardUser(sio.page);
    const { page } = sio;

    await keyboard.press(page.getByRole('button', { name: 'Add an action' }));
    await keyboard.choose(page.getByRole('group', { name: 'Which pillar is the action under?' }), 'Prevent');
    await keyboard.type(page.getByLabel('What is the action?'), 'Diversion scheme for the younger runners');
    await keyboard.type(page.getByLabel('Organisation that owns it'), 'Leeds City Council');
    await keyboard.type(page.getByLabel('Person who owns it'), 'Youth offending team manager');
    const due = page.getByRole('group', { name: 'When is it due?' });
    await keyboard.type(due.getByLabel('Day'), '28');
    await keyboard.type(due.getByLabel('Month'), '2');
    await keyboard.type(due.getByLabel('Year'), DUE_YEAR);
    await keyboard.press(page.getByRole('button', { name: 'Add the action' }));
    expect(await plan.notice()).toContain('Action added to the plan');
    expect(await plan.table('actions-prevent')).toEqual([
      [
        'Diversion scheme for the younger runners',
        'Youth offending team manager, Leeds City Council',
        `28 February ${DUE_YEAR}`,
        'Planned',
        'Change the status of Diversion scheme for the younger runners',
      ],
    ]);

    await keyboard.press(page.getByRole('button', { name: 'Sign the joint review' }));
    await keyboard.type(page.getByLabel('Your summary of the review'), 'Prevent work begun');
    await keyboard.press(page.getByRole('button', { name: 'Sign the review' }));
    expect(await plan.reviewHeadings()).toEqual(['Open review, waiting for the LRO to sign']);
  });

  it('the referring force reads the plan but cannot change it', async () => {
    const id = await activeReferral(web.stack, SIO_DRUGS_AND_FIREARMS, WYP_LRO);
    const referrer = await signedIn(PERSONA.wypReferrer, true);
    const plan = await PlanPage.open(referrer.page, id);
    expect(await plan.heading()).toMatch(/^YHROCU-/);
    expect(await plan.offers('Add an action')).toBe(false);
    expect(await plan.offers('Sign the joint review')).toBe(false);
    await referrer.expectAccessible();
    for (const path of ['/plan/actions/new', '/plan/disruptions/new', '/plan/review', '/close', '/withdraw']) {
      const response = await referrer.page.goto(`/referrals/${id}${path}`);
      expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
    }
    // Another force's referrer may not see it at all.
    const other = await signedIn(PERSONA.sypReferrer, true);
    expect((await other.page.goto(`/referrals/${id}/plan`))?.status()).toBe(404);
  });
});
