import { randomUUID } from 'node:crypto';
import { Body, Get, Post, Res, Session } from '@nestjs/common';
import type { ScoringScheme } from '@rocu/domain';
import type { Response } from 'express';
import { NationalPages } from '../journey-pages';
import { ApiClient } from '../../api/api-client.service';
import { sendKeyed, withSent } from '../../api/keyed-send';
import type { WebSession } from '../../auth/web-session';
import { ApiProblemError, FORM_PROBLEM_STATUSES } from '../../errors/api-problem';
import { errorSummary } from '../../errors/error-summary';
import { formValues, keepRefusedForm, keySpent, refusalShown, takeRefusedForm } from '../../errors/form-state';
import { inPlainWords } from '../../errors/plain-messages';
import { ReferenceData } from '../../reference/reference-data.service';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import type { NationalPriority } from './national-api';
import './national-session';
import {
  TASKING_PLAIN_WORDS,
  taskingDraft,
  taskingFieldLink,
  taskingFormValues,
  taskingRequestBody,
} from './tasking-request';
import { TASKING_CHECK_PATH, taskingCheckView, TASKING_FORM_PATH, taskingFormView } from './tasking-request.view-model';

const SENT_PATH = '/national/tasking-requests/sent';

/**
 * The NCA liaison's tasking request (issue 16): one form (the work, the region, the national priority and the
 * NCA's score on the gateway's grid), Check your answers, then the confirmation with the reference. The API
 * judges the request; its refusals come back to the form, each beside its field.
 */
@NationalPages('national/tasking-requests')
export class TaskingRequestsController {
  constructor(
    private readonly api: ApiClient,
    private readonly reference: ReferenceData,
  ) {}

  @Get('new')
  async form(@Session() session: WebSession, @Res() response: Response): Promise<void> {
    const [lists, priorities, scheme] = await this.inputs(session);
    const refused = takeRefusedForm(session, TASKING_FORM_PATH);
    if (keySpent(refused?.problem) && session.taskingRequest) {
      session.taskingRequest = { key: randomUUID(), draft: session.taskingRequest.draft };
    }
    const draft = refused ? taskingDraft(refused.values) : session.taskingRequest?.draft;
    const errors = refused && errorSummary(inPlainWords(refused.problem, TASKING_PLAIN_WORDS), taskingFieldLink);
    response.render('routes/national/tasking-request.njk', taskingFormView(draft, lists, priorities, scheme, errors));
  }

  @Post('new')
  async save(@Session() session: WebSession, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const key = session.taskingRequest?.key ?? randomUUID();
    session.taskingRequest = { ...session.taskingRequest, key, draft: taskingDraft(formValues(body)) };
    await redirectAfterSaving(session, response, TASKING_CHECK_PATH);
  }

  @Get('check')
  async check(@Session() session: WebSession, @Res() response: Response): Promise<void> {
    const request = session.taskingRequest;
    if (!request) return response.redirect(303, TASKING_FORM_PATH);
    const [lists, priorities, scheme] = await this.inputs(session);
    response.render('routes/national/tasking-check.njk', taskingCheckView(request.draft, lists, priorities, scheme));
  }

  /** Sends it (once, whatever the retries: the key is the Idempotency-Key); a refusal goes back to the form. */
  @Post('check')
  async send(@Session() session: WebSession, @Res() response: Response): Promise<void> {
    const request = session.taskingRequest;
    if (!request) return response.redirect(303, TASKING_FORM_PATH);
    const body = taskingRequestBody(request.draft);
    request.sent = withSent(request.sent, body);
    let sent: { answer: { reference: string; region: string }; earlier: boolean };
    try {
      sent = await sendKeyed(
        (sending) =>
          this.api.post<{ reference: string; region: string }>(session, '/national/tasking-requests', sending, {
            'Idempotency-Key': request.key,
          }),
        body,
        request.sent,
      );
    } catch (error) {
      if (!(error instanceof ApiProblemError) || !FORM_PROBLEM_STATUSES.has(error.status)) throw error;
      keepRefusedForm(session, {
        path: TASKING_FORM_PATH,
        problem: refusalShown(error.problem),
        values: taskingFormValues(request.draft),
      });
      return redirectAfterSaving(session, response, TASKING_FORM_PATH);
    }
    delete session.taskingRequest;
    session.taskingSent = { reference: sent.answer.reference, region: sent.answer.region, earlier: sent.earlier };
    await redirectAfterSaving(session, response, SENT_PATH);
  }

  /** The confirmation, once: a refresh goes to a new request. */
  @Get('sent')
  async sent(@Session() session: WebSession, @Res() response: Response): Promise<void> {
    const sent = session.taskingSent;
    if (!sent) return response.redirect(303, TASKING_FORM_PATH);
    delete session.taskingSent;
    const { rocuRegions } = await this.reference.lists(session);
    response.render('routes/national/tasking-sent.njk', {
      pageTitle: 'Tasking request sent',
      reference: sent.reference,
      region: rocuRegions.find((region) => region.code === sent.region)?.name ?? sent.region,
      earlier: sent.earlier,
    });
  }

  private inputs(session: WebSession) {
    return Promise.all([
      this.reference.lists(session),
      this.api.get<{ items: NationalPriority[] }>(session, '/national/priorities').then((listed) => listed.items),
      this.api.get<ScoringScheme>(session, '/reference/scoring-scheme'),
    ]);
  }
}
