import {
  assessedReferral,
  CRITICAL_HARM,
  frozenMeeting,
  LOW_HARM,
  SOUTH_YORKSHIRE_MEMBER,
} from '../support/meeting-fixtures';
import { ok } from '../support/tasking-fixtures';
import { JAVASCRIPT_MODES, useWebStack, Visitor } from '../support/web-test';
import { HomePage } from './pages/home-page';
import { AttendancePage } from './pages/meetings/attendance-page';
import { DecisionPage, JustificationPage } from './pages/meetings/decision-page';
import { MeetingPage } from './pages/meetings/meeting-page';
import { arrowToOption, pressToLoad, tabTo } from './pages/meetings/keyboard';
import { MeetingsPage } from './pages/meetings/meetings-page';
import { SignInPage } from './pages/sign-in-page';
import { PERSONA } from './personas';

const web = useWebStack();

/** The chair signs in and opens the meetings list from the service navigation. */
async function chairAtMeetings(visitor: Visitor): Promise<MeetingsPage> {
  await (await SignInPage.open(visitor.page)).signInAs(PERSONA.chair);
  await new HomePage(visitor.page).navigateTo('Meetings');
  return new MeetingsPage(visitor.page);
}

describe('TTCG chair journey', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('runs a meeting: ranked agenda, attendance with a recusal, a justified deviation, close and printable minutes', async () => {
      // Seeded through the API: two referrals assessed and awaiting decision, a meeting with a frozen agenda.
      const high = await assessedReferral(web.stack, { harm: CRITICAL_HARM, likelihood: 5 }); // P1
      const low = await assessedReferral(web.stack, { harm: LOW_HARM, likelihood: 2 }); // P4
      const meetingId = await frozenMeeting(web.stack);

      const visitor = await web.visit(javaScript);
      const meetings = await chairAtMeetings(visitor);
      expect(await meetings.heading()).toBe('Meetings');
      expect((await meetings.rows()).some((row) => row[1] === 'TTCG' && row[3] === 'Agenda frozen')).toBe(true);
      await visitor.expectAccessible();
      await visitor.screenshot('meetings');

      const meeting = await meetings.openMeeting(meetingId);
      expect(await meeting.heading()).toBe('TTCG meeting, YHROCU');
      expect(await meeting.status()).toBe('Agenda frozen');
      expect(await meeting.references()).toEqual([high.reference, low.reference]);
      expect(await meeting.rank(high.reference)).toBe(1);
      expect(await meeting.itemValue(low.reference, 'Priority band')).toBe('P4');
      expect(await meeting.itemValue(low.reference, 'Times deferred')).toBe('0');
      expect(await meeting.rankingRule()).toContain(
        'priority band (P1 first), then risk score (highest first), then the oldest',
      );
      const why = await meeting.whyRanked(low.reference);
      expect(why.reasons[0]).toMatch(/^Ranked 2 of 2: priority band P4, risk score \d+\.\d\.$/);
      expect(why.reasons[1]).toBe(
        `It comes after ${high.reference} (rank 1) because P1 is a higher priority band than P4.`,
      );
      expect(why.explanation).toMatch(/\d/);
      await visitor.expectAccessible();
      await visitor.screenshot('meeting');

      // No decision before attendance puts the meeting in session: a banner says so and links to attendance.
      const early = await meeting.decide(high.reference);
      await early.choose('Adopt: ROCU lead', 'The highest-ranked item');
      await early.continue();
      expect(await early.sessionRefusal()).toMatch(
        /^The meeting is not in session: the chair records attendance from /,
      );
      // Nothing to fix on the form: the banner, not an error summary.
      expect(await visitor.page.locator('.govuk-error-summary').count()).toBe(0);
      await visitor.expectAccessible();
      await visitor.screenshot('meeting-not-in-session');

      // Attendance: the chair is offered first; a member added with "Add another" declares a conflict.
      const attendance = await early.recordAttendance();
      expect(await attendance.value(0, 'Name')).toBe('Det Supt Mark Evans');
      await attendance.addAnother();
      expect(await attendance.count()).toBe(2);
      expect(await attendance.value(1, 'Name')).toBe('');
      // A person of their own per run: a conflict declared once stays on the register for linked referrals.
      const member = `wyp-member-${javaScript ? 'js' : 'no-js'}`;
      await attendance.fill(1, { name: 'Supt Tom Walsh', sub: member, conflicts: [low.reference] });
      await attendance.save();
      expect(await attendance.errorSummary()).toEqual([
        { text: expect.stringMatching(/org/), href: '#attendees-1-org' },
      ]);
      expect(await attendance.value(1, 'Name')).toBe('Supt Tom Walsh');
      await visitor.expectAccessible();
      await attendance.fill(1, { name: 'Supt Tom Walsh', sub: member, org: 'West Yorkshire Police' });
      await visitor.screenshot('meeting-attendance');
      const notQuorate = await attendance.save();
      // Two of the region's four forces are needed: West Yorkshire alone is not a quorum.
      const refused = await notQuorate.decide(high.reference);
      await refused.choose('Adopt: ROCU lead', 'The highest-ranked item');
      await refused.continue();
      expect(await refused.sessionRefusal()).toContain('The meeting is not quorate');
      expect(await refused.sessionRefusal()).toContain('absent: HUM, NYP, SYP');
      await visitor.expectAccessible();
      const quorum = await refused.recordAttendance();
      expect(await quorum.value(1, 'Name')).toBe('Supt Tom Walsh');
      await quorum.add(SOUTH_YORKSHIRE_MEMBER);
      const afterAttendance = await quorum.save();
      expect(await afterAttendance.attendees()).toEqual([
        ['DCI Sam Hart', 'South Yorkshire Police', 'None'],
        ['Det Supt Mark Evans', 'Yorkshire and the Humber Regional Organised Crime Unit', 'None'],
        ['Supt Tom Walsh', 'West Yorkshire Police', low.reference],
      ]);
      expect(await afterAttendance.itemValue(low.reference, 'Recused')).toBe('Supt Tom Walsh');
      expect(await afterAttendance.itemValue(high.reference, 'Recused')).toBe('No one');

      // Adopting the lower item while the higher one is undecided is a deviation: justified on its own step.
      let decision: DecisionPage = await afterAttendance.decide(low.reference);
      expect(await decision.has('Why adopt this item ahead of the higher-ranked ones?')).toBe(false);
      await visitor.expectAccessible();
      await decision.choose('Adopt: ROCU lead', 'Evidence expires this week');
      await decision.continue();
      const justification = new JustificationPage(visitor.page);
      expect(await justification.heading()).toBe(`Justify adopting ${low.reference} out of rank order`);
      expect(await justification.passedOver()).toEqual([`${high.reference} (rank 1, undecided)`]);
      await visitor.expectAccessible();
      await justification.justify('');
      expect(await justification.errorSummary()).toEqual([
        { text: expect.stringMatching(/deviationJustification/), href: '#deviationJustification' },
      ]);
      await visitor.expectAccessible();
      await visitor.screenshot('meeting-deviation-justification');
      await justification.justify('The evidence expires this week; the higher item needs capacity we lack today');
      const decided = new MeetingPage(visitor.page);
      expect(await decided.banner()).toContain(`Decision recorded on ${low.reference}`);
      expect(await decided.itemValue(low.reference, 'Decision')).toContain('Adopt: ROCU lead');
      expect(await decided.itemValue(low.reference, 'Decision')).toContain(
        `Deviation. Adopted ahead of ${high.reference} (rank 1, undecided): The evidence expires this week`,
      );

      // A refused decision keeps the page, with every refused field linked; then the item is declined.
      decision = await decided.decide(high.reference);
      await decision.continue();
      expect((await decision.errorSummary()).map((entry) => entry.href).sort()).toEqual(['#decision', '#rationale']);
      await visitor.expectAccessible();
      await decision.choose('Decline: return to force', 'A force-level response is proportionate');
      await decision.continue();
      const closing = new MeetingPage(visitor.page);
      expect(await closing.itemValue(high.reference, 'Decision')).toContain('Decline: return to force');
      await visitor.expectAccessible();

      // Remarks over the API's 2,000 characters are refused on the meeting page, kept to be shortened.
      const tooLong = 'Next TTCG in January. '.repeat(100);
      await closing.close(tooLong);
      expect(new URL(visitor.page.url()).pathname).toBe(`/meetings/${meetingId}/close`);
      expect(await closing.errorSummary()).toEqual([{ text: expect.stringContaining('remarks'), href: '#remarks' }]);
      expect(await visitor.page.getByLabel('Closing remarks (optional)').inputValue()).toBe(tooLong);
      expect(await closing.status()).not.toBe('Closed');
      await visitor.expectAccessible();

      await closing.close('Next TTCG in January');
      expect(await closing.status()).toBe('Closed');
      expect(await closing.page.getByRole('button', { name: 'Close the meeting' }).count()).toBe(0);

      const minutes = await closing.openMinutes();
      expect(await minutes.marking()).toBe('OFFICIAL-SENSITIVE');
      const rows = await minutes.rows();
      expect(rows.map((row) => [row[0], row[1], row[4]])).toEqual([
        ['1', high.reference, 'Decline: return to force'],
        ['2', low.reference, 'Adopt: ROCU lead'],
      ]);
      expect(rows[1][6]).toContain(`Ahead of ${high.reference} (rank 1, undecided)`);
      expect(rows[1][7]).toBe('Supt Tom Walsh');
      expect(await minutes.printLayout()).toEqual({ navigation: false, backLink: false, table: true });
      await visitor.expectAccessible();
      await visitor.screenshot('minutes');
    });
  });
});

describe('TTCG chair journey by keyboard alone', () => {
  it('records attendance and a decision with the keyboard only', async () => {
    const item = await assessedReferral(web.stack);
    const meetingId = await frozenMeeting(web.stack);
    const visitor = await web.visit(true);
    await (await SignInPage.open(visitor.page)).signInAs(PERSONA.chair);
    const page = visitor.page;
    await page.goto(`/meetings/${meetingId}`);

    await tabTo(page, page.getByRole('link', { name: 'Record attendance' }));
    await pressToLoad(page, 'Enter');
    const attendance = new AttendancePage(page);
    /** Adds an attendee row and types it in: name, sign-in ID, the organisation by arrow keys, any conflict. */
    const addAttendee = async (index: number, name: string, sub: string, org: string, conflict?: string) => {
      await tabTo(page, page.getByRole('button', { name: 'Add another attendee' }));
      await pressToLoad(page, 'Enter');
      const row = attendance.attendee(index);
      await tabTo(page, row.getByLabel('Name', { exact: true }));
      await page.keyboard.type(name);
      await page.keyboard.press('Tab');
      await page.keyboard.type(sub);
      const organisation = row.getByLabel('Organisation');
      await tabTo(page, organisation);
      await arrowToOption(page, organisation, org);
      if (conflict) {
        await tabTo(page, row.getByRole('checkbox', { name: new RegExp(`^${conflict} `) }));
        await page.keyboard.press('Space');
      }
    };
    await addAttendee(1, 'Supt Tom Walsh', 'wyp-member-keyboard', 'WYP', item.reference);
    await addAttendee(2, SOUTH_YORKSHIRE_MEMBER.name, SOUTH_YORKSHIRE_MEMBER.sub, 'SYP');
    await tabTo(page, page.getByRole('button', { name: 'Save attendance' }));
    await pressToLoad(page, 'Enter');
    const meeting = new MeetingPage(page);
    expect(await meeting.attendees()).toEqual([
      ['DCI Sam Hart', 'South Yorkshire Police', 'None'],
      ['Det Supt Mark Evans', 'Yorkshire and the Humber Regional Organised Crime Unit', 'None'],
      ['Supt Tom Walsh', 'West Yorkshire Police', item.reference],
    ]);

    await tabTo(page, page.getByRole('link', { name: `Record a decision on ${item.reference}` }));
    await pressToLoad(page, 'Enter');
    await tabTo(page, page.getByLabel('Adopt: ROCU lead', { exact: true }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('Rationale'));
    await page.keyboard.type('Necessary and proportionate: the highest-ranked item');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await pressToLoad(page, 'Enter');
    expect(await meeting.banner()).toContain(`Decision recorded on ${item.reference}`);
    expect(await meeting.itemValue(item.reference, 'Decision')).toContain('Adopt: ROCU lead');
  });
});

describe('urgent out-of-meeting decisions', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('refers an IMMEDIATE referral to the NCA out of meeting, asking for the onward reference', async () => {
      const urgent = await assessedReferral(web.stack, {}, { urgency: 'IMMEDIATE', threatToLife: true });
      const visitor = await web.visit(javaScript);
      const meetings = await chairAtMeetings(visitor);
      const list = await meetings.openUrgentDecisions();
      expect(await list.references()).toContain(urgent.reference);
      await visitor.expectAccessible();
      await visitor.screenshot('urgent-decisions');

      const decision = await list.open(urgent.reference);
      // An urgent decision is taken because the case cannot wait: putting it off is not offered.
      expect(await decision.decisions()).toEqual([
        'Adopt: ROCU lead',
        'Adopt: support only',
        'Task intelligence development',
        'Decline: return to force',
        'Refer to the NCA',
        'Refer to a partner',
      ]);
      await decision.choose('Refer to the NCA', 'A national threat: the NCA is best placed');
      await decision.submitWith('Record the urgent decision');
      expect(await decision.errorSummary()).toEqual([
        { text: 'onwardReference is required', href: '#onwardReference' },
      ]);
      await visitor.expectAccessible();
      await decision.fillOnwardReference('NCA-2026-0042');
      await decision.submitWith('Record the urgent decision');
      expect(await list.banner()).toContain(`Urgent decision recorded on ${urgent.reference}`);
      expect(await list.references()).not.toContain(urgent.reference);
      const assessor = await web.stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
      const referral = await web.stack.http.get<{ status: string; onwardReference: string }>(
        `/referrals/${urgent.id}`,
        assessor,
      );
      expect(referral.body).toMatchObject({ status: 'REFERRED_NATIONAL', onwardReference: 'NCA-2026-0042' });
    });
  });
});

describe('an urgent decision whose answer is lost', () => {
  it('is recorded once when "Try again" sends it a second time', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const urgent = await assessedReferral(web.stack, {}, { urgency: 'IMMEDIATE', threatToLife: true });
      const visitor = await web.visit(false, flaky);
      const list = await (await chairAtMeetings(visitor)).openUrgentDecisions();
      const decision = await list.open(urgent.reference);
      await decision.choose('Adopt: ROCU lead', 'Threat to life: the ROCU leads now');
      await decision.tryAgainAfterLostAnswer(proxy, () => decision.submitWith('Record the urgent decision'));
      expect(await list.banner()).toContain(`Urgent decision recorded on ${urgent.reference}`);
      const { rows } = await web.stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM referral_history WHERE referral_id = $1 AND action = 'DECIDE'`,
        [urgent.id],
      );
      expect(rows[0].n).toBe(1);
    });
  });
});

describe('correcting attendance', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('takes a person recorded in error off the attendance, and off the recusals their conflict caused', async () => {
      const item = await assessedReferral(web.stack, { harm: LOW_HARM, likelihood: 2 });
      const meetingId = await frozenMeeting(web.stack);
      const chair = await web.stack.token(['TTCG_CHAIR'], 'YHROCU', 'yhrocu-chair');
      const wrong = { sub: `wrong-person-${javaScript ? 'js' : 'no-js'}`, name: 'Insp Wrong Person', org: 'WYP' };
      const attendees = [
        { sub: 'yhrocu-chair', name: 'Det Supt Mark Evans', org: 'YHROCU', conflicts: [] },
        { ...wrong, conflicts: [item.id] },
        { ...SOUTH_YORKSHIRE_MEMBER, org: 'SYP', conflicts: [] },
      ];
      await ok('attendance', web.stack.http.post(`/meetings/${meetingId}/attendance`, { attendees }, chair));
      const visitor = await web.visit(javaScript);
      await (await SignInPage.open(visitor.page)).signInAs(PERSONA.chair);
      await visitor.page.goto(`/meetings/${meetingId}`);
      expect(await new MeetingPage(visitor.page).itemValue(item.reference, 'Recused')).toBe(wrong.name);

      await visitor.page.goto(`/meetings/${meetingId}/attendance`);
      const attendance = new AttendancePage(visitor.page);
      const names = await attendance.names();
      expect(names).toEqual(['DCI Sam Hart', 'Det Supt Mark Evans', wrong.name]);
      // Meanwhile another chair records someone this form never showed: its round trips and saving leave them be.
      const late = { sub: `late-${javaScript ? 'js' : 'no-js'}`, name: 'Insp Late Arrival', org: 'WYP', conflicts: [] };
      await ok('attendance', web.stack.http.post(`/meetings/${meetingId}/attendance`, { attendees: [late] }, chair));
      await attendance.remove(names.indexOf(wrong.name));
      expect(await attendance.names()).toEqual(['DCI Sam Hart', 'Det Supt Mark Evans']);
      await visitor.expectAccessible();
      const meeting = await attendance.save();
      expect(await meeting.attendees()).toEqual([
        ['DCI Sam Hart', 'South Yorkshire Police', 'None'],
        ['Det Supt Mark Evans', 'Yorkshire and the Humber Regional Organised Crime Unit', 'None'],
        ['Insp Late Arrival', 'West Yorkshire Police', 'None'],
      ]);
      expect(await meeting.itemValue(item.reference, 'Recused')).toBe('No one');
    });
  });
});

describe('meeting decisions and closing, when their answers are lost', () => {
  it('records each decision once, a justified one too, and closes once when "Try again" sends each again', async () => {
    await web.throughProxy(async (proxy, flaky) => {
      const high = await assessedReferral(web.stack, { harm: CRITICAL_HARM, likelihood: 5 });
      const low = await assessedReferral(web.stack, { harm: LOW_HARM, likelihood: 2 });
      const meetingId = await frozenMeeting(web.stack);
      const chair = await web.stack.token(['TTCG_CHAIR'], 'YHROCU', 'yhrocu-chair');
      const attendees = [
        { sub: 'yhrocu-chair', name: 'Det Supt Mark Evans', org: 'YHROCU', conflicts: [] },
        { sub: 'wyp-member-lost', name: 'Supt Tom Walsh', org: 'WYP', conflicts: [] },
        { ...SOUTH_YORKSHIRE_MEMBER, org: 'SYP', conflicts: [] },
      ];
      await ok('attendance', web.stack.http.post(`/meetings/${meetingId}/attendance`, { attendees }, chair));
      const visitor = await web.visit(false, flaky);
      await (await SignInPage.open(visitor.page)).signInAs(PERSONA.chair);
      const meeting = new MeetingPage(visitor.page);
      const decision = new DecisionPage(visitor.page);

      // Adopting the lower-ranked item asks for a justification; that step sends the decision under the form's key.
      await visitor.page.goto(`/meetings/${meetingId}/items/${low.id}/decision`);
      await decision.choose('Adopt: ROCU lead', 'A ready-made operation');
      await decision.submitWith('Continue');
      const justification = new JustificationPage(visitor.page);
      await justification.tryAgainAfterLostAnswer(proxy, () =>
        justification.justify('The ROCU team is already deployed'),
      );
      expect(await meeting.banner()).toContain(`Decision recorded on ${low.reference}`);

      await visitor.page.goto(`/meetings/${meetingId}/items/${high.id}/decision`);
      await decision.choose('Decline: return to force', 'The force is best placed');
      await decision.tryAgainAfterLostAnswer(proxy, () => decision.submitWith('Continue'));
      expect(await meeting.banner()).toContain(`Decision recorded on ${high.reference}`);

      await meeting.tryAgainAfterLostAnswer(proxy, () => meeting.submitWith('Close the meeting'));
      expect(await visitor.page.getByRole('button', { name: 'Close the meeting' }).count()).toBe(0);
      const { rows } = await web.stack.db.query<{ referral_id: string }>(
        'SELECT referral_id FROM meeting_decisions WHERE meeting_id = $1 ORDER BY seq',
        [meetingId],
      );
      expect(rows.map((row) => row.referral_id)).toEqual([low.id, high.id]);
      const closed = await web.stack.db.query('SELECT 1 FROM meetings WHERE id = $1 AND status = $2', [
        meetingId,
        'CLOSED',
      ]);
      expect(closed.rowCount).toBe(1);
    });
  });
});

describe('ratifying urgent decisions at the next meeting', () => {
  describe.each(JAVASCRIPT_MODES)('$label', ({ javaScript }) => {
    it('ratifies one urgent decision and overturns another with a new decision; the minutes and referrals agree', async () => {
      const chair = await web.stack.token(['TTCG_CHAIR'], 'YHROCU');
      const urgently = async (decision: string) => {
        const referral = await assessedReferral(web.stack, {}, { urgency: 'IMMEDIATE', threatToLife: true });
        await ok(
          'urgent decision',
          web.stack.http.post(
            `/referrals/${referral.id}/urgent-decision`,
            { decision, rationale: 'Threat to life' },
            chair,
          ),
        );
        return referral;
      };
      const kept = await urgently('ADOPT_ROCU_LEAD');
      const overturned = await urgently('DECLINE_RETURN_TO_FORCE');
      const meetingId = await frozenMeeting(web.stack);

      const visitor = await web.visit(javaScript);
      const meetings = await chairAtMeetings(visitor);
      const meeting = await meetings.openMeeting(meetingId);
      expect(await meeting.itemValue(overturned.reference, 'Urgent decision to ratify')).toBe(
        'Decline: return to force',
      );
      const attendance = await meeting.recordAttendance();
      await attendance.add({ name: 'Supt Tom Walsh', sub: 'wyp-member-ratification', org: 'West Yorkshire Police' });
      await attendance.add(SOUTH_YORKSHIRE_MEMBER);
      const quorate = await attendance.save();

      // Overturning asks for the new decision: without one, the refusal links to it.
      let decision = await quorate.decide(overturned.reference);
      await visitor.expectAccessible();
      await decision.overturnWithout('The force cannot manage it alone after all');
      await decision.continue();
      expect((await decision.errorSummary()).map((entry) => entry.href)).toEqual(['#decision']);
      await visitor.expectAccessible();
      await decision.overturn('Adopt: support only', 'The force cannot manage it alone after all');
      await visitor.screenshot('meeting-ratification');
      await decision.continue();
      const afterOverturn = new MeetingPage(visitor.page);
      expect(await afterOverturn.banner()).toContain(`Decision recorded on ${overturned.reference}`);
      expect(await afterOverturn.itemValue(overturned.reference, 'Decision')).toContain(
        'Overturned (was Decline: return to force): Adopt: support only',
      );

      decision = await afterOverturn.decide(kept.reference);
      await decision.ratify('Necessary and proportionate: the threat to life stands');
      await decision.continue();
      const afterRatify = new MeetingPage(visitor.page);
      expect(await afterRatify.itemValue(kept.reference, 'Decision')).toContain('Ratified: Adopt: ROCU lead');
      await visitor.expectAccessible();

      const minutes = await afterRatify.openMinutes();
      const rows = await minutes.rows();
      const decisionOf = (reference: string) => rows.find((row) => row[1] === reference)?.[4];
      expect(decisionOf(overturned.reference)).toBe('Overturned (was Decline: return to force): Adopt: support only');
      expect(decisionOf(kept.reference)).toBe('Ratified: Adopt: ROCU lead');
      await visitor.expectAccessible();
      const assessor = await web.stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
      const status = async (id: string) =>
        (await ok('referral', web.stack.http.get<{ status: string }>(`/referrals/${id}`, assessor))).status;
      expect(await status(overturned.id)).toBe('ADOPTED');
      expect(await status(kept.id)).toBe('ADOPTED');
    });
  });
});
