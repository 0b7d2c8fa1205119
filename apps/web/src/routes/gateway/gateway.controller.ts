import { Body, Get, HttpCode, NotFoundException, Param, Post, Query, Render, Res, Session } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { sendKeyed, withSent } from '../../api/keyed-send';
import { GatewayPages } from '../journey-pages';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import type { WebSession } from '../../auth/web-session';
import { errorSummary, fieldId } from '../../errors/error-summary';
import { formValues, keepRefusedForm, keySpent, takeRefusedForm } from '../../errors/form-state';
import { formKey } from '../../forms/form-key';
import {
  assessmentDraft,
  assessmentRequest,
  draftFromAssessment,
  missingRationales,
  previewScore,
  staleDraftRefusal,
} from './assessment-form';
import { assessmentPageView, checkScorePageView } from './assessment.view-model';
import { formRefusal } from '../../errors/api-problem';
import { GatewayService } from './gateway.service';
import { notice, referralPath, takeNotice } from './gateway-session';
import { referralPageView } from './referral.view-model';
import {
  JustificationForm,
  JustificationPageView,
  justificationPageView,
  JustificationPost,
  justifySensitiveRead,
  SENSITIVE_PARTS,
} from '../sensitive-detail/sensitive-detail';
import { findQueueTab, workQueueView } from './work-queue.view-model';
import { pageNumber } from '../../presentation/pagination';

type LiveScore = { complete: true; riskScore: string; priority: string } | { complete: false };

/** The gateway pages are the gateway team's: anyone else gets the "you cannot do this" page. */

/**
 * The gateway team's journey: the work queue, a referral, the access justification for its sensitive
 * detail, triage, and the assessment grid with its "check the score" step. Every form posts to its own
 * address and redirects (post-redirect-get); refusals go through the one error filter.
 */
@GatewayPages('gateway')
export class GatewayController {
  constructor(private readonly gateway: GatewayService) {}

  @Get()
  @Render('routes/gateway/work-queue.njk')
  async queue(
    @Session() session: WebSession,
    @Query('tab') tabId?: string,
    @Query('page') page?: string,
  ): Promise<object> {
    const tab = findQueueTab(tabId);
    if (!tab) throw new NotFoundException();
    const { list, counts } = await this.gateway.queue(session, tab, pageNumber(page));
    return workQueueView(tab, list, counts, new Date());
  }

  @Get('referrals/:id')
  @Render('routes/gateway/referral.njk')
  async referral(@Session() session: WebSession, @Param('id') id: string): Promise<object> {
    const referral = await this.gateway.referral(session, id);
    return referralPageView(referral, new Date(), takeNotice(session, referralPath(id)));
  }

  @Get('referrals/:id/sensitive')
  @Render('routes/sensitive-detail/justification.njk')
  async justification(@Session() session: WebSession, @Param('id') id: string): Promise<JustificationPageView> {
    const referral = await this.gateway.referral(session, id);
    return justificationPageView(session, referral.reference, referralPath(id), SENSITIVE_PARTS.gateway);
  }

  @Post('referrals/:id/sensitive')
  justify(@JustificationForm() post: JustificationPost, @Res() response: Response): Promise<void> {
    return justifySensitiveRead(post, response, referralPath);
  }

  @Get('referrals/:id/triage')
  @Render('routes/gateway/triage.njk')
  async triageForm(@Session() session: WebSession, @Param('id') id: string): Promise<object> {
    const referral = await this.gateway.referral(session, id);
    const refused = takeRefusedForm(session, `${referralPath(id)}/triage`);
    return {
      pageTitle: `Triage ${referral.reference}`,
      reference: referral.reference,
      subjectName: referral.subjectName,
      backHref: referralPath(id),
      values: refused?.values ?? {},
      key: formKey(refused?.values),
      errors: refused && errorSummary(refused.problem),
    };
  }

  @Post('referrals/:id/triage')
  async triage(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const { decision, reason, key } = formValues(body);
    const result = await this.gateway.act(session, id, 'triage', { decision, reason }, key);
    notice(session, referralPath(id), TRIAGE_NOTICES[String(decision)] ?? `Triaged: now ${result.status}`);
    await redirectAfterSaving(session, response, referralPath(id));
  }

  @Get('referrals/:id/assessment')
  @Render('routes/gateway/assessment.njk')
  async assessmentForm(@Session() session: WebSession, @Param('id') id: string): Promise<object> {
    const [referral, scheme] = await Promise.all([
      this.gateway.referral(session, id),
      this.gateway.scoringScheme(session),
    ]);
    const refused = takeRefusedForm(session, `${referralPath(id)}/assessment`);
    const draft = refused
      ? assessmentDraft(refused.values)
      : (session.assessmentDrafts?.[id] ?? (referral.assessment ? draftFromAssessment(referral.assessment) : {}));
    return assessmentPageView(
      {
        id,
        reference: referral.reference,
        subjectName: referral.subjectName,
        reassessment: referral.assessment !== null,
      },
      scheme,
      draft,
      refused && errorSummary(refused.problem),
    );
  }

  @Post('referrals/:id/assessment')
  async checkAssessment(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const draft = assessmentDraft(formValues(body));
    const preview = previewScore(draft, await this.gateway.scoringScheme(session));
    const errors = [...(preview.kind === 'REFUSED' ? preview.errors : []), ...missingRationales(draft)];
    if (errors.length > 0) throw formRefusal('The assessment is not complete', errors);
    // A changed grid keeps its key: one assessment, however often it is checked and sent.
    const { key = randomUUID(), sent } = session.assessmentDrafts?.[id] ?? {};
    session.assessmentDrafts = { ...session.assessmentDrafts, [id]: { ...draft, key, sent } };
    await redirectAfterSaving(session, response, `${referralPath(id)}/assessment/check`);
  }

  /**
   * The live score preview the grid's script asks for as grades are chosen (an enhancement: without
   * JavaScript the "Check the score" step shows the same). Changes nothing; the route does not affect the score.
   */
  @Post('referrals/:id/assessment/preview')
  @HttpCode(200)
  async preview(@Session() session: WebSession, @Body() body: unknown): Promise<LiveScore> {
    const draft = assessmentDraft(formValues(body));
    const preview = previewScore({ ...draft, route: 'TTCG' }, await this.gateway.scoringScheme(session));
    return preview.kind === 'SCORED'
      ? { complete: true, riskScore: preview.result.riskScore.toFixed(1), priority: preview.result.priority }
      : { complete: false };
  }

  @Get('referrals/:id/assessment/check')
  async checkScore(@Session() session: WebSession, @Param('id') id: string, @Res() response: Response): Promise<void> {
    const draft = session.assessmentDrafts?.[id];
    if (!draft) return response.redirect(303, `${referralPath(id)}/assessment`);
    const [referral, scheme] = await Promise.all([
      this.gateway.referral(session, id),
      this.gateway.scoringScheme(session),
    ]);
    const preview = previewScore(draft, scheme);
    const refused = takeRefusedForm(session, `${referralPath(id)}/assessment/check`);
    if (keySpent(refused?.problem)) {
      // A key of its own now, not one made up by each send: two sends from this page would be two re-scores.
      const { key: _spent, sent: _sent, ...grid } = draft;
      session.assessmentDrafts = { ...session.assessmentDrafts, [id]: { ...grid, key: randomUUID() } };
    }
    if (preview.kind === 'REFUSED') {
      const gridPath = `${referralPath(id)}/assessment`;
      keepRefusedForm(session, staleDraftRefusal(gridPath, draft, preview.errors, refused?.problem));
      return redirectAfterSaving(session, response, gridPath);
    }
    const onGrid = (field: string) => ({ href: `${referralPath(id)}/assessment#${fieldId(field)}` });
    response.render(
      'routes/gateway/check-score.njk',
      checkScorePageView(
        {
          id,
          reference: referral.reference,
          subjectName: referral.subjectName,
          previous: referral.assessment ?? undefined,
        },
        preview.result,
        String(draft.route),
        refused && errorSummary(refused.problem, onGrid),
      ),
    );
  }

  @Post('referrals/:id/assessment/check')
  async submitAssessment(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Res() response: Response,
  ): Promise<void> {
    const draft = session.assessmentDrafts?.[id];
    if (!draft) return response.redirect(303, `${referralPath(id)}/assessment`);
    const { key = randomUUID(), sent: sentBefore, ...grid } = draft;
    const body = assessmentRequest(grid);
    const sent = withSent(sentBefore, body);
    session.assessmentDrafts = { ...session.assessmentDrafts, [id]: { ...draft, key, sent } };
    const { answer: result, earlier } = await sendKeyed(
      (sending) => this.gateway.assess(session, id, sending, key),
      body,
      sent,
    );
    const drafts = { ...session.assessmentDrafts };
    delete drafts[id];
    session.assessmentDrafts = drafts;
    const recorded = `Assessment recorded: risk score ${result.riskScore.toFixed(1)} (${result.priority})`;
    notice(
      session,
      referralPath(id),
      earlier ? `${recorded}, as first sent: the assessment had reached the gateway before your changes` : recorded,
    );
    await redirectAfterSaving(session, response, referralPath(id));
  }
}

const TRIAGE_NOTICES: Record<string, string> = {
  ACCEPT: 'Referral accepted for assessment',
  REQUEST_INFO: 'Information requested from the force',
  REJECT: 'Referral rejected; the force has been told why',
};
