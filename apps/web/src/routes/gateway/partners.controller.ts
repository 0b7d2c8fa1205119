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
import { PARTNER_CHECK_FORM, PARTNER_DISPOSAL_FORM, PartnerForm, partnerFormPageView } from './partner-check-form';

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
  checkForm(@Session() session: WebSession, @Param('id') id: string): Promise<object> {
    return this.formPage(session, id, PARTNER_CHECK_FORM);
  }

  @Post('partner-checks')
  recordCheck(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ): Promise<void> {
    return this.act(session, id, PARTNER_CHECK_FORM, body, response);
  }

  @Get('partner-disposal')
  @Render('routes/gateway/partner-disposal.njk')
  disposalForm(@Session() session: WebSession, @Param('id') id: string): Promise<object> {
    return this.formPage(session, id, PARTNER_DISPOSAL_FORM);
  }

  @Post('partner-disposal')
  dispose(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ): Promise<void> {
    return this.act(session, id, PARTNER_DISPOSAL_FORM, body, response);
  }

  /**
   * A partner form's page, with what was refused of it (taken once the referral is read), and the form's
   * Idempotency-Key, kept through a refusal and a "try again": one form records one check or disposal.
   */
  private async formPage(session: WebSession, id: string, form: PartnerForm): Promise<object> {
    const [referral, lists] = await Promise.all([this.gateway.referral(session, id), this.reference.lists(session)]);
    const refused = takeRefusedForm(session, `${referralPath(id)}/${form.path}`);
    const view = partnerFormPageView(form, referral, lists.agencies, refused);
    return { ...view, values: refused?.values, key: formKey(refused?.values) };
  }

  /** Sends the form to the API and confirms on the referral's page, naming the agency. */
  private async act(session: WebSession, id: string, form: PartnerForm, body: unknown, response: Response) {
    const values = formValues(body);
    const request = form.request(values);
    await this.gateway.act(session, id, form.path, request, values.key);
    const agency = nameOf((await this.reference.lists(session)).agencies, String(request.agency));
    notice(session, referralPath(id), form.confirmation(agency, request));
    await redirectAfterSaving(session, response, referralPath(id));
  }
}
