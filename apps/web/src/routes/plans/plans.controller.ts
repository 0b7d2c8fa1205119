import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res, Session } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PILLARS, SIGNIFICANCES, ACTION_STATUSES } from '@rocu/domain';
import { ApiClient } from '../../api/api-client.service';
import type { WebSession } from '../../auth/web-session';
import { keepNotice, moveRefusal, takeNotice, takeRefusedForm } from '../../errors/form-state';
import { formKey, keyHeader } from '../../forms/form-key';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import { uuidOrNotFound } from '../meetings/meeting-route-params';
import type { ReferralDetail } from '../referrals/referral-api';
import type { Plan } from './plan-api';
import { ADD_ACTION, CHANGE_ACTION, PlanForm, planFormValues, RECORD_DISRUPTION, SIGN_REVIEW } from './plan-forms';
import {
  ACTION_STATUS_TAGS,
  isChangeable,
  PILLAR_HINTS,
  PILLAR_LABELS,
  planPath,
  planView,
  SIGNIFICANCE_LABELS,
} from './plan.view-model';

type Form = Record<string, unknown>;

/** The forms that add to the plan, by their address under it. */
const ADDING_FORM_AT: Record<string, PlanForm> = {
  'actions/new': ADD_ACTION,
  'disruptions/new': RECORD_DISRUPTION,
  review: SIGN_REVIEW,
};
const ADDING_FORMS = Object.keys(ADDING_FORM_AT);

/**
 * A form's address under its plan, from the request's path (`/referrals/:id/plan/<address>`), as the routes match it:
 * in any case and with a trailing slash.
 */
const formAt = (path: string): string => {
  const lower = path.toLowerCase();
  return lower.slice(lower.indexOf('/plan/') + '/plan/'.length).replace(/\/$/, '');
};

function addingForm(at: string): PlanForm {
  const form = Object.hasOwn(ADDING_FORM_AT, at) ? ADDING_FORM_AT[at] : undefined;
  if (!form) throw new NotFoundException();
  return form;
}

/** The choices the plan's forms offer, from the domain's code lists. */
const CHOICES = {
  pillars: PILLARS.map((pillar) => ({ value: pillar, text: PILLAR_LABELS[pillar], hint: PILLAR_HINTS[pillar] })),
  significances: SIGNIFICANCES.map((value) => ({ value, text: SIGNIFICANCE_LABELS[value] })),
  statuses: ACTION_STATUSES.map((value) => ({ value, text: ACTION_STATUS_TAGS[value].text })),
};

/**
 * The 4P plan, shared by the tasking's ROCU SIO and the force's LRO: the plan page (also read by region staff and the
 * referring force), and their forms to add an action, change an action's status, record a disruption and sign the
 * joint review. The API decides who may see and change it (a plan the person may not see is not found).
 */
@Controller('referrals/:id/plan')
export class PlansController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async plan(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const { plan, reference } = await this.read(session, id);
    const shown = { notice: takeNotice(session), refused: takeRefusedForm(session, planPath(id)) };
    res.render('routes/plans/plan.njk', planView(plan, reference, session.user, shown));
  }

  @Get(ADDING_FORMS)
  addingForm(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.showForm(session, id, addingForm(formAt(req.path)), req.path, res);
  }

  @Post(ADDING_FORMS)
  add(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Req() req: Request,
    @Body() body: Form,
    @Res() res: Response,
  ) {
    return this.send(session, id, addingForm(formAt(req.path)), body, res);
  }

  @Get('actions/:actionId')
  async changeActionForm(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Param('actionId', uuidOrNotFound) actionId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const actionOf = (plan: Plan) => plan.actions.find((candidate) => candidate.id === actionId);
    return this.showForm(session, id, CHANGE_ACTION, req.path, res, {
      applies: (plan) => {
        const action = actionOf(plan);
        return action !== undefined && isChangeable(plan, action);
      },
      extras: (plan) => {
        const action = actionOf(plan);
        return {
          action: action && {
            ...action,
            pillar: PILLAR_LABELS[action.pillar],
            statusTag: ACTION_STATUS_TAGS[action.status],
          },
        };
      },
    });
  }

  @Post('actions/:actionId')
  changeAction(
    @Session() session: WebSession,
    @Param('id', uuidOrNotFound) id: string,
    @Param('actionId', uuidOrNotFound) actionId: string,
    @Body() body: Form,
    @Res() res: Response,
  ) {
    return this.send(session, id, CHANGE_ACTION, body, res, actionId);
  }

  /** The plan and its referral's reference, read together. */
  private async read(session: WebSession, id: string): Promise<{ plan: Plan; reference: string }> {
    const [plan, referral] = await Promise.all([
      this.api.get<Plan>(session, `/referrals/${id}/plan`),
      this.api.get<ReferralDetail>(session, `/referrals/${id}`),
    ]);
    return { plan, reference: referral.reference };
  }

  /**
   * A form of the plan's owners, with what a refusal kept; the refusal is taken only once the reads succeeded. A form
   * that no longer applies (the plan closed, the action finished, the review signed, perhaps by the other owner since
   * the form was sent) is not found, or, when it was just refused, the refusal is shown on the plan page.
   */
  private async showForm(
    session: WebSession,
    id: string,
    form: PlanForm,
    /** The form's address as requested: a refusal of it is kept under that (web-exception.filter.ts). */
    path: string,
    res: Response,
    { applies, extras }: { applies?: (plan: Plan) => boolean; extras?: PlanForm['extras'] } = {},
  ): Promise<void> {
    const { plan, reference } = await this.read(session, id);
    const view = planView(plan, reference, session.user);
    if (!view.editable || !(form.applies?.(view) ?? true) || !(applies?.(plan) ?? true)) {
      if (!moveRefusal(session, path, planPath(id))) throw new NotFoundException();
      return redirectAfterSaving(session, res, planPath(id));
    }
    const refused = takeRefusedForm(session, path);
    const { values, errors } = planFormValues(form, refused);
    res.render(form.view, {
      pageTitle: `${form.title}: ${reference}`,
      title: form.title,
      caption: `4P plan: ${reference}`,
      backHref: planPath(id),
      ...CHOICES,
      ...(extras ?? form.extras)?.(plan, view),
      values,
      errors,
      key: formKey(refused?.values),
    });
  }

  private async send(session: WebSession, id: string, form: PlanForm, body: Form, res: Response, itemId?: string) {
    const request = form.request(body);
    const path = form.apiPath(id, itemId);
    const headers = keyHeader(body.key);
    await (form.method === 'patch'
      ? this.api.patch(session, path, request, headers)
      : this.api.post(session, path, request, headers));
    keepNotice(session, form.notice);
    await redirectAfterSaving(session, res, planPath(id));
  }
}
