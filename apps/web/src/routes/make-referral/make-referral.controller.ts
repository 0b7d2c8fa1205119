import { Body, Controller, Get, NotFoundException, Param, Post, Query, Render, Res, Session } from '@nestjs/common';
import type { Response } from 'express';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import type { WebSession } from '../../auth/web-session';
import { takeRefusedForm } from '../../errors/form-state';
import type { ReferralDraftView, CheckAnswersView } from './make-referral.view-model';
import { MakeReferralService } from './make-referral.service';

const CHECK_ANSWERS = '/referrals/new/check-answers';

/** Shown when the referral had reached the gateway, as first sent, before the person changed their answers. */
const EARLIER_VERSION_SENT =
  'Your referral had already reached the gateway before you changed your answers, so those changes were not ' +
  "sent. If they matter, tell your region's gateway team, quoting the reference.";

/**
 * "Make a referral": GOV.UK question pages that save to a draft kept per person, Check your answers,
 * then one submission to the API. Every page posts to its own address and redirects (post-redirect-get).
 */
@Controller('referrals/new')
export class MakeReferralController {
  constructor(private readonly journey: MakeReferralService) {}

  @Get()
  async start(@Session() session: WebSession, @Res() res: Response): Promise<void> {
    res.redirect(303, (await this.journey.hasDraft(session)) ? CHECK_ANSWERS : '/referrals/new/subject');
  }

  @Get('check-answers')
  @Render('routes/make-referral/check-answers.njk')
  checkAnswers(@Session() session: WebSession): Promise<CheckAnswersView> {
    return this.journey.checkAnswers(session, () => takeRefusedForm(session, CHECK_ANSWERS)?.problem);
  }

  @Post('check-answers')
  async submit(@Session() session: WebSession, @Res() res: Response): Promise<void> {
    const { submitted, earlier } = await this.journey.submit(session);
    if (earlier) session.notice = EARLIER_VERSION_SENT;
    await redirectAfterSaving(session, res, `/referrals/${submitted.id}/submitted`);
  }

  @Get(':page')
  async question(
    @Session() session: WebSession,
    @Param('page') slug: string,
    @Query('return') returnTo: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const view: ReferralDraftView = await this.journey.questionPage(session, slug, returnTo === 'check-answers');
    if (!view) throw new NotFoundException();
    res.render(`routes/make-referral/${slug}.njk`, view);
  }

  @Post(':page')
  async answer(
    @Session() session: WebSession,
    @Param('page') slug: string,
    @Query('return') returnTo: unknown,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await redirectAfterSaving(
      session,
      res,
      await this.journey.answer(session, slug, body, returnTo === 'check-answers'),
    );
  }
}
