import { randomUUID } from 'node:crypto';
import { frozenMeeting, SOUTH_YORKSHIRE_MEMBER } from '../support/meeting-fixtures';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_RATIONALE } from '../fixtures/worked-example';
import { JAVASCRIPT_MODES, useWebStack } from '../support/web-test';
import { HomePage } from './pages/home-page';
import { AssessmentPage, CheckScorePage } from './pages/gateway/assessment-page';
import { GatewayReferralPage } from './pages/gateway/referral-page';
import { TriagePage } from './pages/gateway/triage-page';
import { WorkQueuePage } from './pages/gateway/work-queue-page';
import { CheckAnswersPage, ConfirmationPage, MakeReferralPages } from './pages/make-referral-pages';
import { MeetingPage } from './pages/meetings/meeting-page';
import { MeetingsPage } from './pages/meetings/meetings-page';
import { ReferralPage } from './pages/referral-page';
import { ReferralsListPage } from './pages/referrals-list-page';
import { SignInPage } from './pages/sign-in-page';
import { PERSONA } from './personas';
import { referralAnswers } from './referral-answers';

const web = useWebStack();

/**
 * The cross-journey path, every step in the browser: a referrer submits, an assessor triages and
 * assesses, the chair records attendance and adopts the referral at a meeting, and the referrer sees it adopted.
 */
describe.each(JAVASCRIPT_MODES)('a referral from submission to adoption $label', ({ javaScript }) => {
  it('is submitted, triaged, assessed, adopted at a TTCG and seen adopted by the referrer', async () => {
    // The referrer, in the browser: Make a referral through the question pages, check the answers, send.
    const referrer = await web.visit(javaScript);
    await (await SignInPage.open(referrer.page)).signInAs(PERSONA.wypReferrer);
    await (await ReferralsListPage.open(referrer.page)).makeReferral();
    await new MakeReferralPages(referrer.page).answerAll(
      referralAnswers(`Operation Kestrel ${randomUUID().slice(0, 8)}`),
    );
    await new CheckAnswersPage(referrer.page).send();
    const confirmation = new ConfirmationPage(referrer.page);
    expect(await confirmation.heading()).toContain('Referral sent');
    const reference = await confirmation.reference();
    const id = new URL(referrer.page.url()).pathname.split('/')[2];
    await referrer.expectAccessible();

    // The assessor, in the browser: the work queue, triage, the assessment grid, the score checked, submitted.
    const assessor = await web.visit(javaScript);
    await (await SignInPage.open(assessor.page)).signInAs(PERSONA.assessor);
    await (await WorkQueuePage.open(assessor.page)).openReferral(reference);
    const gatewayView = new GatewayReferralPage(assessor.page);
    await gatewayView.startAction('Triage this referral');
    await new TriagePage(assessor.page).decide('ACCEPT', 'In scope');
    expect(await gatewayView.status()).toBe('Being assessed');
    await gatewayView.startAction('Assess this referral');
    const grid = new AssessmentPage(assessor.page);
    await grid.fill(WORKED_EXAMPLE, 'TTCG', WORKED_EXAMPLE_RATIONALE);
    await grid.checkTheScore();
    await new CheckScorePage(assessor.page).submit();
    expect(await gatewayView.status()).toBe('Awaiting decision');
    await assessor.expectAccessible();
    // Setup, not a journey step: an extra TTCG whose papers have closed (the region's schedule is off in tests).
    const meetingId = await frozenMeeting(web.stack);

    // The chair, in the browser: the meeting, attendance, the decision.
    const visitor = await web.visit(javaScript);
    await (await SignInPage.open(visitor.page)).signInAs(PERSONA.chair);
    await new HomePage(visitor.page).navigateTo('Meetings');
    const meeting = await new MeetingsPage(visitor.page).openMeeting(meetingId);
    expect(await meeting.references()).toEqual([reference]);
    await visitor.expectAccessible();
    // A quorum: the chair with representatives of two of the region's four forces.
    const attendance = await meeting.recordAttendance();
    await attendance.add({ name: 'Supt Tom Walsh', sub: 'wyp-member-full-path', org: 'West Yorkshire Police' });
    await attendance.add(SOUTH_YORKSHIRE_MEMBER);
    await attendance.save();
    // Listed by name.
    expect((await meeting.attendees()).map((row) => row[0])).toEqual([
      SOUTH_YORKSHIRE_MEMBER.name,
      'Det Supt Mark Evans',
      'Supt Tom Walsh',
    ]);
    const decision = await meeting.decide(reference);
    await decision.choose('Adopt: ROCU lead', 'Necessary and proportionate: the top-ranked item, capacity available');
    await decision.continue();
    const adopted = new MeetingPage(visitor.page);
    expect(await adopted.banner()).toContain(`Decision recorded on ${reference}`);
    expect(await adopted.itemValue(reference, 'Decision')).toContain('Adopt: ROCU lead');
    await visitor.expectAccessible();

    // The referrer, in the browser again: the referral's page says it is adopted.
    const seen = await ReferralPage.open(referrer.page, id);
    expect(await seen.heading()).toBe(reference);
    expect(await seen.status()).toBe('Adopted');
    await referrer.expectAccessible();
  });
});
