import { Body, Get, NotFoundException, Param, Post, Query, Render, Res, Session } from '@nestjs/common';
import type { Response } from 'express';
import { NationalPages } from '../journey-pages';
import { ApiClient } from '../../api/api-client.service';
import type { WebSession } from '../../auth/web-session';
import { errorSummary } from '../../errors/error-summary';
import { formValues, takeRefusedForm } from '../../errors/form-state';
import { inPlainWords } from '../../errors/plain-messages';
import { text } from '../../forms/form-values';
import { formKey, keyHeader } from '../../forms/form-key';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import type { ReferralDetail } from '../gateway/gateway-api.types';
import { pageNumber } from '../../presentation/pagination';
import {
  JustificationForm,
  justificationHeaders,
  JustificationPageView,
  justificationPageView,
  JustificationPost,
  justifySensitiveRead,
  SENSITIVE_PARTS,
} from '../sensitive-detail/sensitive-detail';
import type { NationalQueue } from './national-api';
import './national-session';
import {
  NATIONAL_PAGE_SIZE,
  NationalAnswerFormView,
  nationalQueueView,
  NationalQueueView,
  nationalReferralPath,
  nationalReferralView,
  NationalReferralView,
} from './national.view-model';

/** The NCA's two answers to a referral sent national: the API route, the one field it takes, and the confirmation. */
interface NcaAnswer {
  route: string;
  field: string;
  view: string;
  /** The page title's verb. */
  verb: string;
  /** The form's words for the API's generic refusal of the field. */
  plain: string;
  confirm: (reference: string, value: string) => { title: string; text: string };
}

const ANSWERS: Record<string, NcaAnswer> = {
  accept: {
    route: 'national-acceptance',
    field: 'reference',
    view: 'accept.njk',
    verb: 'Accept',
    plain: "Enter the NCA's reference for the work, at most 100 characters",
    confirm: (reference, value) => ({
      title: 'Referral accepted',
      text: `${reference} is the NCA's, under reference ${value}. It has left the region's books and keeps its history.`,
    }),
  },
  return: {
    route: 'national-return',
    field: 'reasons',
    view: 'return.njk',
    verb: 'Return',
    plain: 'Say why you are returning it, at most 4000 characters',
    confirm: (reference) => ({
      title: 'Referral returned',
      text: `${reference} has gone back to its region with your reasons, for its next meeting or a new assessment.`,
    }),
  },
};

function answerOf(answer: string): NcaAnswer {
  const found = Object.hasOwn(ANSWERS, answer) ? ANSWERS[answer] : undefined;
  if (!found) throw new NotFoundException();
  return found;
}

/**
 * The NCA liaison's journey (issue 16): the national queue, a referral sent national, and the answer to it:
 * accept with the NCA's reference, or return to the region with reasons. The API decides what may be done
 * (`availableActions`) and judges each answer; its refusals come back through the one error filter.
 */
@NationalPages('national')
export class NationalController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('routes/national/queue.njk')
  async queue(@Session() session: WebSession, @Query('page') page?: string): Promise<NationalQueueView> {
    const queue = await this.api.get<NationalQueue>(session, '/national/queue', {
      page: pageNumber(page),
      pageSize: NATIONAL_PAGE_SIZE,
    });
    return nationalQueueView(queue);
  }

  /** The confirmation after an answer (once: a refresh goes back to the queue, as the referral has left it). */
  @Get('answered')
  answered(@Session() session: WebSession, @Res() response: Response): void {
    const confirmation = session.nationalAnswer;
    if (!confirmation) return response.redirect(303, '/national');
    delete session.nationalAnswer;
    response.render('routes/national/answered.njk', { pageTitle: confirmation.title, ...confirmation });
  }

  @Get('referrals/:id')
  @Render('routes/national/referral.njk')
  async referral(@Session() session: WebSession, @Param('id') id: string): Promise<NationalReferralView> {
    return nationalReferralView(await this.read(session, id), new Date());
  }

  // Declared before the answer forms' `:answer` routes, which would otherwise take "sensitive" as an answer.
  @Get('referrals/:id/sensitive')
  @Render('routes/sensitive-detail/justification.njk')
  async justification(@Session() session: WebSession, @Param('id') id: string): Promise<JustificationPageView> {
    const referral = await this.read(session, id);
    return justificationPageView(session, referral.reference, nationalReferralPath(id), SENSITIVE_PARTS.national);
  }

  @Post('referrals/:id/sensitive')
  justify(@JustificationForm() post: JustificationPost, @Res() response: Response): Promise<void> {
    return justifySensitiveRead(post, response, nationalReferralPath);
  }

  @Get('referrals/:id/:answer')
  async answerForm(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Param('answer') answer: string,
    @Res() response: Response,
  ): Promise<void> {
    const { field, view, verb, plain } = answerOf(answer);
    const referral = await this.read(session, id);
    const refused = takeRefusedForm(session, `${nationalReferralPath(id)}/${answer}`);
    const model: NationalAnswerFormView = {
      pageTitle: `${verb} ${referral.reference}`,
      reference: referral.reference,
      subjectName: referral.subjectName,
      backHref: nationalReferralPath(id),
      value: text(refused?.values[field]),
      key: formKey(refused?.values),
      errors: refused && errorSummary(inPlainWords(refused.problem, { [field]: plain })),
    };
    response.render(`routes/national/${view}`, model);
  }

  @Post('referrals/:id/:answer')
  async answer(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Param('answer') answer: string,
    @Body() body: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const { route, field, confirm } = answerOf(answer);
    const values = formValues(body);
    const value = text(values[field]);
    const answered = await this.api.post<{ reference: string }>(
      session,
      `/referrals/${encodeURIComponent(id)}/${route}`,
      { [field]: value },
      keyHeader(values.key),
    );
    session.nationalAnswer = confirm(answered.reference, value.trim());
    await redirectAfterSaving(session, response, '/national/answered');
  }

  private read(session: WebSession, id: string): Promise<ReferralDetail> {
    return this.api.get<ReferralDetail>(
      session,
      `/referrals/${encodeURIComponent(id)}`,
      {},
      justificationHeaders(session, id),
    );
  }
}
