import { Body, Get, Param, Post, Query, Req, Res, Session } from '@nestjs/common';
import { LIVE_TASKING_STATUSES } from '@rocu/domain';
import type { Request, Response } from 'express';
import { ApiClient } from '../../api/api-client.service';
import { PagesFor } from '../../auth/web-guards';
import type { WebSession } from '../../auth/web-session';
import { errorSummary } from '../../errors/error-summary';
import { keepNotice, takeNotice, takeRefusedForm } from '../../errors/form-state';
import { inPlainWords } from '../../errors/plain-messages';
import { formKey, keyHeader } from '../../forms/form-key';
import { record, text } from '../../forms/form-values';
import { deadlineTag } from '../../presentation/deadline-tag';
import { pageNumber, pagination } from '../../presentation/pagination';
import { statusTag } from '../../presentation/referral-labels';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import { uuidOrNotFound } from '../meetings/meeting-route-params';
import { planPath } from '../plans/plan.view-model';
import type { ReferralDetail, ReferralList, ReferralSummary } from '../referrals/referral-api';
import { candidateItems, choosableRadioId, needsText, officerSubLink } from './allocation.view-model';
import type { SioCandidates } from './tasking-api';
import { ALLOCATION_MESSAGES, allocationRequest } from './tasking-forms';
import { formGone } from '../../errors/form-gone';

const TASKINGS_PATH = '/taskings';
const PAGE_SIZE = 20;
const allocationPath = (id: string): string => `${TASKINGS_PATH}/${id}/sio`;

/** The manager's two SIO forms: the first allocation, and a reallocation (with its reason) once one is in place. */
interface SioForm {
  action: 'ALLOCATE_SIO' | 'REALLOCATE_SIO';
  apiPath: (id: string) => string;
  title: string;
  /** Where the form goes back to and, once saved, on to. */
  returnTo: (id: string) => { href: string; text: string };
  notice: (sio: string, reference: string) => string;
}

const ALLOCATION: SioForm = {
  action: 'ALLOCATE_SIO',
  apiPath: (id) => `/referrals/${id}/sio`,
  title: 'Allocate an SIO',
  returnTo: () => ({ href: TASKINGS_PATH, text: 'Back to taskings' }),
  notice: (sio, reference) => `${sio} allocated as SIO of ${reference}`,
};

const REALLOCATION: SioForm = {
  action: 'REALLOCATE_SIO',
  apiPath: (id) => `/referrals/${id}/sio/reallocation`,
  title: 'Reallocate the SIO',
  returnTo: (id) => ({ href: `/referrals/${id}`, text: 'Back to the referral' }),
  notice: (sio, reference) => `${sio} is now the SIO of ${reference}`,
};

/** A tasking's next step for its manager: allocating its SIO, or its 4P plan once that runs (ACTIVE). */
function nextStep(item: ReferralSummary): { text: string; href: string } {
  if (item.status === 'ADOPTED') return { text: 'Allocate an SIO', href: allocationPath(item.id) };
  if (item.status === 'ACTIVE') return { text: '4P plan', href: planPath(item.id) };
  return { text: 'Waiting for the force’s LRO', href: `/referrals/${item.id}` };
}

/**
 * The ROCU manager's taskings: the region's adopted referrals and live taskings, soonest deadline first, and the
 * allocation of an SIO to an adopted one from the region's candidates (their specialisms, workload now and after,
 * and the allocation rules each meets or breaks, as the API judges them).
 */
@PagesFor('taskings', ['ROCU_MANAGER'], 'For ROCU managers only')
export class TaskingsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async list(@Session() session: WebSession, @Query('page') page: unknown, @Res() res: Response): Promise<void> {
    const list = await this.api.get<ReferralList>(session, '/referrals', {
      status: LIVE_TASKING_STATUSES.join(','),
      page: pageNumber(page),
      pageSize: PAGE_SIZE,
    });
    const now = new Date();
    res.render('routes/taskings/taskings.njk', {
      pageTitle: 'Taskings',
      contentWidth: 'full',
      notice: takeNotice(session),
      total: list.total,
      taskings: list.items.map((item) => ({
        id: item.id,
        reference: item.reference,
        subjectName: item.subjectName,
        priority: item.priority ?? '–',
        status: statusTag(item.status),
        nextDeadlineAt: item.nextDeadlineAt,
        deadlineTag: deadlineTag(item.nextDeadlineAt, now),
        next: nextStep(item),
      })),
      pagination: pagination(list.page, list.pageSize, list.total, (to) => `${TASKINGS_PATH}?page=${to}`),
    });
  }

  @Get(':id/sio')
  allocationForm(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.sioForm(ALLOCATION, session, id, req.path, res);
  }

  @Post(':id/sio')
  allocate(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.saveSio(ALLOCATION, session, id, body, res);
  }

  @Get(':id/sio/reallocation')
  reallocationForm(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.sioForm(REALLOCATION, session, id, req.path, res);
  }

  @Post(':id/sio/reallocation')
  reallocate(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.saveSio(REALLOCATION, session, id, body, res);
  }

  /** `path`: the form's address as requested, under which a refusal of it is kept (web-exception.filter.ts). */
  private async sioForm(form: SioForm, session: WebSession, id: string, path: string, res: Response): Promise<void> {
    const [referral, candidates] = await Promise.all([
      this.api.get<ReferralDetail>(session, `/referrals/${id}`),
      this.api.get<SioCandidates>(session, '/officers', { role: 'SIO', referralId: id, pageSize: 200 }),
    ]);
    if (!referral.availableActions.includes(form.action)) return formGone(session, path, id, res);
    const refused = takeRefusedForm(session, path);
    const values = refused?.values ?? {};
    // Reallocating: the SIO the tasking has is shown, not offered.
    const currentSio = form === REALLOCATION ? referral.tasking.sio?.sub : undefined;
    const officerSubId = choosableRadioId(candidates, 'officerSub', currentSio);
    const errors =
      refused && errorSummary(inPlainWords(refused.problem, ALLOCATION_MESSAGES), officerSubLink(officerSubId));
    res.render('routes/taskings/allocation.njk', {
      pageTitle: `${form.title}: ${referral.reference}`,
      title: form.title,
      backLink: form.returnTo(id),
      caption: `${referral.reference}: ${referral.subjectName}`,
      reallocating: form === REALLOCATION,
      current: referral.tasking.sio?.name,
      needs: needsText(candidates.needs),
      candidates: candidateItems(candidates, text(values.officerSub), currentSio),
      officerSubId,
      values: { ...values, conflictDeclaration: record(values.conflictDeclaration) },
      key: formKey(values),
      errors,
    });
  }

  private async saveSio(
    form: SioForm,
    session: WebSession,
    id: string,
    body: Record<string, unknown>,
    res: Response,
  ): Promise<void> {
    const saved = await this.api.post<{ reference: string; sio: { name: string } }>(
      session,
      form.apiPath(id),
      allocationRequest(body, form === REALLOCATION),
      keyHeader(body.key),
    );
    keepNotice(session, form.notice(saved.sio.name, saved.reference));
    await redirectAfterSaving(session, res, form.returnTo(id).href);
  }
}
