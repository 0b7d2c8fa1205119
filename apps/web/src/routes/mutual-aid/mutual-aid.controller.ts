import { Body, Get, NotFoundException, Param, Post, Res, Session } from '@nestjs/common';
import { LIVE_TASKING_STATUSES } from '@rocu/domain';
import type { Response } from 'express';
import { ApiClient } from '../../api/api-client.service';
import { PagesFor } from '../../auth/web-guards';
import type { WebSession } from '../../auth/web-session';
import { errorSummary } from '../../errors/error-summary';
import { formValues, keepNotice, takeNotice, takeRefusedForm } from '../../errors/form-state';
import { formKey, keyHeader } from '../../forms/form-key';
import { inPlainWords } from '../../errors/plain-messages';
import { text } from '../../forms/form-values';
import { organisationName } from '../../auth/dev-personas';
import { ReferenceData } from '../../reference/reference-data.service';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import type { ReferralList } from '../referrals/referral-api';
import type { MutualAidList, MutualAidRequest, Officer } from './mutual-aid-api';
import { askedFor, MUTUAL_AID_PATH, mutualAidListView, mutualAidPath } from './mutual-aid.view-model';

const NEW_PATH = `${MUTUAL_AID_PATH}/new`;
/** The API's largest page: a region's mutual aid and live taskings fit in one. */
const ALL = { page: 1, pageSize: 200 };

const PLAIN_WORDS = {
  referralId: 'Select the tasking the help is for',
  lendingRegion: 'Select the region you are asking',
  kind: 'Select whether you need an SIO or a capability',
  capability: 'Select the capability you need',
  reason: 'Say why the region needs the help, at most 2000 characters',
  decision: 'Select whether you approve or refuse the request',
  officerSub: 'Select the SIO you lend',
};

/**
 * Mutual aid between ROCUs (issue 16), for ROCU managers: the requests their region made and received; asking
 * another region for an SIO or a capability for a live tasking; the lending manager approving (naming one of
 * their SIOs) or refusing with a reason; withdrawing a request not yet decided. The API judges each step.
 */
@PagesFor('mutual-aid', ['ROCU_MANAGER'], 'For ROCU managers only')
export class MutualAidController {
  constructor(
    private readonly api: ApiClient,
    private readonly reference: ReferenceData,
  ) {}

  @Get()
  async list(@Session() session: WebSession, @Res() response: Response): Promise<void> {
    const [requests, taskings, lists] = await Promise.all([
      this.api.get<MutualAidList>(session, '/mutual-aid-requests', ALL),
      this.liveTaskings(session),
      this.reference.lists(session),
    ]);
    const references = new Map(taskings.map((tasking) => [tasking.id, tasking.reference]));
    response.render(
      'routes/mutual-aid/requests.njk',
      mutualAidListView(requests.items, references, lists.capabilities, takeNotice(session)),
    );
  }

  @Get('new')
  async form(@Session() session: WebSession, @Res() response: Response): Promise<void> {
    const [taskings, lists] = await Promise.all([this.liveTaskings(session), this.reference.lists(session)]);
    const refused = takeRefusedForm(session, NEW_PATH);
    const values = refused?.values ?? {};
    const own = session.user?.org;
    const option = (value: string, label: string, chosen: unknown) => ({
      value,
      text: label,
      selected: value === chosen,
    });
    response.render('routes/mutual-aid/new.njk', {
      pageTitle: 'Ask another region for help',
      values,
      key: formKey(values),
      errors: refused && errorSummary(inPlainWords(refused.problem, PLAIN_WORDS)),
      taskings: [
        option('', 'Choose a tasking', values.referralId),
        ...taskings.map((tasking) =>
          option(tasking.id, `${tasking.reference}: ${tasking.subjectName}`, values.referralId),
        ),
      ],
      regions: [
        option('', 'Choose a region', values.lendingRegion),
        ...lists.rocuRegions
          .filter((region) => region.code !== own)
          .map((region) => option(region.code, region.name, values.lendingRegion)),
      ],
      kinds: [
        { value: 'SIO', text: 'An SIO', checked: values.kind === 'SIO' },
        { value: 'CAPABILITY', text: 'A capability', checked: values.kind === 'CAPABILITY' },
      ],
      capabilities: [
        option('', 'Choose a capability', values.capability),
        ...lists.capabilities.map((capability) => option(capability.code, capability.name, values.capability)),
      ],
    });
  }

  @Post('new')
  async request(@Session() session: WebSession, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const asked = await this.send<MutualAidRequest>(session, '/mutual-aid-requests', body, (form) => {
      const kind = text(form.kind);
      return {
        referralId: text(form.referralId),
        lendingRegion: text(form.lendingRegion),
        kind,
        // The capability belongs to a capability request only: one chosen before switching to "An SIO" is not sent.
        capability: kind === 'CAPABILITY' ? text(form.capability) : '',
        reason: text(form.reason),
      };
    });
    await this.backToList(session, response, `Request sent to ${organisationName(asked.lendingRegion)}`);
  }

  @Get(':id/decision')
  async decisionForm(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Res() response: Response,
  ): Promise<void> {
    const request = await this.find(session, id, 'APPROVE', response);
    if (!request) return;
    const [sios, lists] = await Promise.all([
      request.kind === 'SIO'
        ? this.api.get<{ items: Officer[] }>(session, '/officers', ALL).then((listed) => listed.items)
        : Promise.resolve([]),
      this.reference.lists(session),
    ]);
    const refused = takeRefusedForm(session, mutualAidPath(id, 'decision'));
    const values = refused?.values ?? {};
    response.render('routes/mutual-aid/decision.njk', {
      pageTitle: 'Approve or refuse a request for help',
      request: {
        from: organisationName(request.borrowingRegion),
        askedFor: askedFor(request, lists.capabilities),
        priority: request.priority,
        reason: request.reason,
        requestedBy: request.requestedBy.name,
      },
      values,
      key: formKey(values),
      errors: refused && errorSummary(inPlainWords(refused.problem, PLAIN_WORDS)),
      decisions: [
        { value: 'APPROVE', text: 'Approve', checked: values.decision === 'APPROVE' },
        { value: 'REFUSE', text: 'Refuse', checked: values.decision === 'REFUSE' },
      ],
      sios:
        request.kind === 'SIO'
          ? [
              { value: '', text: 'Choose an SIO', selected: !values.officerSub },
              ...sios.map((sio) => ({
                value: sio.sub,
                text: `${sio.name} (${sio.workload.taskings} tasking${sio.workload.taskings === 1 ? '' : 's'}, ${sio.workload.percent}% of capacity)`,
                selected: values.officerSub === sio.sub,
              })),
            ]
          : undefined,
    });
  }

  @Post(':id/decision')
  async decide(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const path = `/mutual-aid-requests/${encodeURIComponent(id)}/decision`;
    const decided = await this.send<MutualAidRequest>(session, path, body, (form) => {
      const decision = text(form.decision);
      return { decision, reason: text(form.reason), officerSub: decision === 'APPROVE' ? text(form.officerSub) : '' };
    });
    await this.backToList(
      session,
      response,
      decided.state === 'APPROVED'
        ? `Request approved${decided.officer ? `: ${decided.officer.name} is lent` : ''}`
        : 'Request refused',
    );
  }

  @Get(':id/withdrawal')
  async withdrawalForm(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Res() response: Response,
  ): Promise<void> {
    const request = await this.find(session, id, 'WITHDRAW', response);
    if (!request) return;
    const lists = await this.reference.lists(session);
    const refused = takeRefusedForm(session, mutualAidPath(id, 'withdrawal'));
    const values = refused?.values ?? {};
    response.render('routes/mutual-aid/withdrawal.njk', {
      pageTitle: 'Withdraw a request for help',
      request: { to: organisationName(request.lendingRegion), askedFor: askedFor(request, lists.capabilities) },
      values,
      key: formKey(values),
      errors:
        refused &&
        errorSummary(
          inPlainWords(refused.problem, { reason: 'Say why you are withdrawing it, at most 2000 characters' }),
        ),
    });
  }

  @Post(':id/withdrawal')
  async withdraw(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const path = `/mutual-aid-requests/${encodeURIComponent(id)}/withdrawal`;
    await this.send(session, path, body, (form) => ({ reason: text(form.reason) }));
    await this.backToList(session, response, 'Request withdrawn');
  }

  /**
   * A request the manager may act on this way now. One decided or withdrawn since a refused attempt on this
   * page (by someone else, or by the person's own earlier attempt whose answer was lost) goes back to the
   * list, which says where it stands (undefined: answered). Otherwise (gone, not theirs) there is no such page.
   */
  private async find(
    session: WebSession,
    id: string,
    action: 'APPROVE' | 'WITHDRAW',
    response: Response,
  ): Promise<MutualAidRequest | undefined> {
    const { items } = await this.api.get<MutualAidList>(session, '/mutual-aid-requests', ALL);
    const request = items.find((candidate) => candidate.id === id);
    if (request?.availableActions.includes(action)) return request;
    const page = mutualAidPath(id, action === 'APPROVE' ? 'decision' : 'withdrawal');
    if (request && request.state !== 'REQUESTED' && takeRefusedForm(session, page)) {
      await this.backToList(session, response, `This request has already been ${request.state.toLowerCase()}`);
      return undefined;
    }
    throw new NotFoundException();
  }

  /**
   * Posts one of the forms: `fieldsOf` picks the API's fields from what was typed; blank ones are not sent (an
   * optional field left empty is absent, not an empty string the API would refuse); the form's key goes as the
   * Idempotency-Key.
   */
  private send<T>(
    session: WebSession,
    path: string,
    body: unknown,
    fieldsOf: (form: Record<string, unknown>) => Record<string, string>,
  ): Promise<T> {
    const form = formValues(body);
    const fields = Object.entries(fieldsOf(form)).filter(([, value]) => value.trim() !== '');
    return this.api.post<T>(session, path, Object.fromEntries(fields), keyHeader(form.key));
  }

  /** Back to the list of requests (after saving the session), which shows `notice`. */
  private async backToList(session: WebSession, response: Response, notice: string): Promise<void> {
    keepNotice(session, notice);
    await redirectAfterSaving(session, response, MUTUAL_AID_PATH);
  }

  private async liveTaskings(session: WebSession) {
    const listed = await this.api.get<ReferralList>(session, '/referrals', {
      ...ALL,
      status: LIVE_TASKING_STATUSES.join(','),
    });
    return listed.items;
  }
}
