import { Body, Controller, Get, Param, Post, Res, Session } from '@nestjs/common';
import type { Response } from 'express';
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

/**
 * The referring force names its lead responsible officer (LRO) for an adopted referral, before or after the ROCU
 * allocates its SIO: the 4P plan starts once both are named. Offered while the API offers NAME_LRO to the person.
 */
@Controller('referrals/:id/lro')
export class LroController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async form(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const referral = await this.api.get<ReferralDetail>(session, `/referrals/${id}`);
    if (!referral.availableActions.includes('NAME_LRO')) return formGone(session, `/referrals/${id}/lro`, id, res);
    const refused = takeRefusedForm(session, `/referrals/${id}/lro`);
    const values = refused?.values ?? {};
    res.render('routes/taskings/lro.njk', {
      pageTitle: `Name the LRO: ${referral.reference}`,
      id,
      caption: `${referral.reference}: ${referral.subjectName}`,
      values,
      key: formKey(values),
      errors: refused && errorSummary(inPlainWords(refused.problem, LRO_MESSAGES)),
    });
  }

  @Post()
  async name(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const request = lroRequest(body);
    await this.api.post(session, `/referrals/${id}/lro`, request, keyHeader(body.key));
    keepNotice(session, `${String(request.name)} is named as the LRO`);
    await redirectAfterSaving(session, res, `/referrals/${id}`);
  }
}
