import { Body, Controller, Get, Param, Post, Req, Res, Session } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiClient } from '../../api/api-client.service';
import type { WebSession } from '../../auth/web-session';
import { errorSummary } from '../../errors/error-summary';
import { keepNotice, takeRefusedForm } from '../../errors/form-state';
import { inPlainWords } from '../../errors/plain-messages';
import { formKey, keyHeader } from '../../forms/form-key';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import { uuidOrNotFound } from '../meetings/meeting-route-params';
import type { ReferralDetail } from '../referrals/referral-api';
import { LRO_MESSAGES, lroRequest } from './tasking-forms';
import { formGone } from '../../errors/form-gone';

/** The force's two LRO forms: naming one before the plan starts, and replacing them (with a reason) once it runs. */
interface LroForm {
  action: 'NAME_LRO' | 'REPLACE_LRO';
  /** Below /referrals/{id}, for this page and the API alike. */
  path: string;
  title: string;
  button: string;
  notice: (name: string) => string;
}

const NAMING: LroForm = {
  action: 'NAME_LRO',
  path: 'lro',
  title: 'Name the lead responsible officer (LRO)',
  button: 'Name the LRO',
  notice: (name) => `${name} is named as the LRO`,
};

const REPLACEMENT: LroForm = {
  action: 'REPLACE_LRO',
  path: 'lro/replacement',
  title: 'Replace the lead responsible officer (LRO)',
  button: 'Replace the LRO',
  notice: (name) => `${name} is now the LRO`,
};

/**
 * The referring force names its lead responsible officer (LRO) for an adopted referral, before or after the ROCU
 * allocates its SIO: the 4P plan starts once both are named. Once it runs, the force may hand it to another LRO.
 * Each form is offered while the API offers its action to the person.
 */
@Controller('referrals/:id')
export class LroController {
  constructor(private readonly api: ApiClient) {}

  @Get('lro')
  namingForm(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.form(NAMING, session, id, req.path, res);
  }

  @Post('lro')
  name(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.save(NAMING, session, id, body, res);
  }

  @Get('lro/replacement')
  replacementForm(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.form(REPLACEMENT, session, id, req.path, res);
  }

  @Post('lro/replacement')
  replace(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.save(REPLACEMENT, session, id, body, res);
  }

  /** `path`: the form's address as requested, under which a refusal of it is kept (web-exception.filter.ts). */
  private async form(form: LroForm, session: WebSession, id: string, path: string, res: Response): Promise<void> {
    const referral = await this.api.get<ReferralDetail>(session, `/referrals/${id}`);
    if (!referral.availableActions.includes(form.action)) return formGone(session, path, id, res);
    const refused = takeRefusedForm(session, path);
    const values = refused?.values ?? {};
    res.render('routes/taskings/lro.njk', {
      pageTitle: `${form.title}: ${referral.reference}`,
      title: form.title,
      button: form.button,
      replacing: form === REPLACEMENT,
      current: referral.tasking.lro?.name,
      id,
      caption: `${referral.reference}: ${referral.subjectName}`,
      values,
      key: formKey(values),
      errors: refused && errorSummary(inPlainWords(refused.problem, LRO_MESSAGES)),
    });
  }

  private async save(
    form: LroForm,
    session: WebSession,
    id: string,
    body: Record<string, unknown>,
    res: Response,
  ): Promise<void> {
    const request = lroRequest(body, form === REPLACEMENT);
    await this.api.post(session, `/referrals/${id}/${form.path}`, request, keyHeader(body.key));
    keepNotice(session, form.notice(String(request.name)));
    await redirectAfterSaving(session, res, `/referrals/${id}`);
  }
}
