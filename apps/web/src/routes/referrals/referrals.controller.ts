import { Body, Controller, Get, NotFoundException, Param, Post, Query, Render, Res, Session } from '@nestjs/common';
import type { Response } from 'express';
import { ApiClient } from '../../api/api-client.service';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import type { WebSession } from '../../auth/web-session';
import { errorSummary } from '../../errors/error-summary';
import { text } from '../../forms/form-values';
import { formKey, keyHeader } from '../../forms/form-key';
import { keepNotice, takeNotice, takeRefusedForm } from '../../errors/form-state';
import { ReferenceData } from '../../reference/reference-data.service';
import { formGone } from '../../errors/form-gone';
import type { ReferralAction } from '@rocu/domain';
import { MakeReferralService } from '../make-referral/make-referral.service';
import type { ReferralDetail, ReferralList } from './referral-api';
import { LIST_PAGE_SIZE, referralListView, ReferralListView, searchTerm } from './referral-list.view-model';
import { referralPageView, ReferralPageView } from './referral-page.view-model';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A referral id from the address; anything else is a page that does not exist. */
function referralId(id: string): string {
  if (!UUID.test(id)) throw new NotFoundException();
  return id;
}

const pageNumber = (value: unknown): number =>
  typeof value === 'string' && /^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : 1;

/**
 * The actions on a referral that take one text answer (the referrer's, and the ROCU manager's closing): the API
 * route, its field, the page and the confirmation.
 */
interface TextAction {
  field: string;
  view: string;
  notice: string;
  /** The API's name for it in `availableActions`: the page is offered only to whom the API offers the action. */
  offeredAs: ReferralAction;
}

const TEXT_ACTIONS: Record<string, TextAction> = {
  information: {
    field: 'response',
    view: 'answer-information.njk',
    notice: 'Your answer has been sent to the gateway team',
    offeredAs: 'PROVIDE_INFORMATION',
  },
  withdraw: { field: 'reason', view: 'withdraw.njk', notice: 'The referral has been withdrawn', offeredAs: 'WITHDRAW' },
  close: { field: 'outcome', view: 'close.njk', notice: 'The tasking has been closed', offeredAs: 'CLOSE' },
};

function textAction(action: string): TextAction {
  const found = Object.hasOwn(TEXT_ACTIONS, action) ? TEXT_ACTIONS[action] : undefined;
  if (!found) throw new NotFoundException();
  return found;
}

/**
 * A referral's list and page, and its one-answer actions: answering an information request and withdrawing (the
 * referrer), closing the tasking (the ROCU manager).
 */
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly api: ApiClient,
    private readonly reference: ReferenceData,
    private readonly makeReferral: MakeReferralService,
  ) {}

  @Get()
  @Render('routes/referrals/referral-list.njk')
  async list(
    @Session() session: WebSession,
    @Query('q') q: unknown,
    @Query('page') page: unknown,
  ): Promise<ReferralListView & { canRefer: boolean }> {
    const search = searchTerm(text(q));
    const [list, hasDraft] = await Promise.all([
      this.api.get<ReferralList>(session, '/referrals', {
        q: search || undefined,
        page: pageNumber(page),
        pageSize: LIST_PAGE_SIZE,
      }),
      this.makeReferral.hasDraftAsKnown(session),
    ]);
    // Referrers make referrals; the SIO and LRO see here the taskings they hold.
    const canRefer = session.user?.roles.includes('FORCE_REFERRER') ?? false;
    return { ...referralListView(list, search, new Date(), hasDraft), canRefer };
  }

  @Get(':id')
  @Render('routes/referrals/referral.njk')
  async referral(@Session() session: WebSession, @Param('id') id: string): Promise<ReferralPageView> {
    return this.pageView(session, referralId(id), () => {
      // A refusal of a form that no longer applies is shown here (see moveRefusal).
      const refused = takeRefusedForm(session, `/referrals/${id}`);
      return { notice: takeNotice(session), errors: refused && errorSummary(refused.problem) };
    });
  }

  @Get(':id/submitted')
  @Render('routes/referrals/submitted.njk')
  async submitted(@Session() session: WebSession, @Param('id') id: string): Promise<object> {
    const detail = await this.api.get<ReferralDetail>(session, `/referrals/${referralId(id)}`);
    return { pageTitle: 'Referral sent', id: detail.id, reference: detail.reference, notice: takeNotice(session) };
  }

  /** An action with one text answer: answering an information request, withdrawing, closing the tasking. */
  @Get(':id/:action')
  async actionPage(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Param('action') action: string,
    @Res() res: Response,
  ): Promise<void> {
    const { field, view, offeredAs } = textAction(action);
    const path = `/referrals/${id}/${action}`;
    let offered = true;
    const model = await this.pageView(session, referralId(id), (detail) => {
      offered = detail.availableActions.includes(offeredAs);
      if (!offered) return {};
      const refused = takeRefusedForm(session, path);
      return {
        errors: refused && errorSummary(refused.problem),
        answer: text(refused?.values[field]),
        key: formKey(refused?.values),
      };
    });
    if (!offered) return formGone(session, path, id, res);
    res.render(`routes/referrals/${view}`, model);
  }

  @Post(':id/:action')
  async act(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const { field, notice } = textAction(action);
    const path = `/referrals/${referralId(id)}/${action}`;
    await this.api.post(session, path, { [field]: text(body[field]) }, keyHeader(body.key));
    keepNotice(session, notice);
    await redirectAfterSaving(session, res, `/referrals/${id}`);
  }

  /** The page's notice or refused form is taken from the session only once the reads succeeded ("try again" keeps it). */
  private async pageView(
    session: WebSession,
    id: string,
    extras: (detail: ReferralDetail) => Parameters<typeof referralPageView>[2],
  ): Promise<ReferralPageView> {
    const [detail, lists] = await Promise.all([
      this.api.get<ReferralDetail>(session, `/referrals/${id}`),
      this.reference.lists(session),
    ]);
    return referralPageView(detail, lists, extras(detail));
  }
}
