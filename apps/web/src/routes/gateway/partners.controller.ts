import { Body, Get, Param, Post, Render, Res, Session } from '@nestjs/common';
import type { Response } from 'express';
import type { WebSession } from '../../auth/web-session';
import { formValues, takeRefusedForm } from '../../errors/form-state';
import { formKey } from '../../forms/form-key';
import { ReferenceData, nameOf } from '../../reference/reference-data.service';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import { GatewayPages } from '../journey-pages';
import { GatewayService } from './gateway.service';
import { notice, referralPath } from './gateway-session';
import {
  PARTNER_CHECK_FORM,
  PARTNER_DISPOSAL_FORM,
  partnerCheckRequest,
  partnerDisposalRequest,
  PartnerForm,
  partnerFormPageView,
} from './partner-check-form';

/**
 * The GAIN co-ordinator's part of the gateway (issue 16): recording a partner-agency check and disposing of
 * a referral to a partner. The forms post to their own address; the API judges them (refusals come back
 * through the one error filter, field by field) and the referral page confirms.
 */
@GatewayPages('gateway/referrals/:id')
export class PartnersController {
  constructor(
    private readonly gateway: GatewayService,
    private readonly reference: ReferenceData,
  ) {}

  @Get('partner-checks')
  @Render('routes/gateway/partner-check.njk')
  async checkForm(@Session() session: WebSession, @Param('id') id: string): Promise<object> {
    const view = await this.formPage(session, id, PARTNER_CHECK_FORM);
    // The form's Idempotency-Key, kept through a refusal and a "try again": one form records one check.
    return { ...view, key: formKey(view.values) };
  }

  @Post('partner-checks')
  async recordCheck(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const values = formValues(body);
    const request = partnerCheckRequest(values);
    await this.gateway.act(session, id, 'partner-checks', request, values.key);
    const agency = nameOf((await this.reference.lists(session)).agencies, String(request.agency));
    notice(session, referralPath(id), `Partner check recorded: ${agency}`);
    await redirectAfterSaving(session, response, referralPath(id));
  }

  @Get('partner-disposal')
  @Render('routes/gateway/partner-disposal.njk')
  async disposalForm(@Session() session: WebSession, @Param('id') id: string): Promise<object> {
    const view = await this.formPage(session, id, PARTNER_DISPOSAL_FORM);
    return { ...view, key: formKey(view.values) };
  }

  @Post('partner-disposal')
  async dispose(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const values = formValues(body);
    const request = partnerDisposalRequest(values);
    await this.gateway.act(session, id, 'partner-disposal', request, values.key);
    const agency = nameOf((await this.reference.lists(session)).agencies, String(request.agency));
    notice(session, referralPath(id), `Referral disposed of to ${agency} (reference ${String(request.reference)})`);
    await redirectAfterSaving(session, response, referralPath(id));
  }

  /** A partner form's page, with what was refused of it (taken once the referral is read). */
  private async formPage(
    session: WebSession,
    id: string,
    form: PartnerForm,
  ): Promise<object & { values?: Record<string, unknown> }> {
    const [referral, lists] = await Promise.all([this.gateway.referral(session, id), this.reference.lists(session)]);
    const refused = takeRefusedForm(session, `${referralPath(id)}/${form.path}`);
    return { ...partnerFormPageView(form, referral, lists.agencies, refused), values: refused?.values };
  }
}
