import { Body, Get, Param, Post, Res, Session } from '@nestjs/common';
import type { Response } from 'express';
import { NationalPages } from '../journey-pages';
import { ApiClient } from '../../api/api-client.service';
import type { WebSession } from '../../auth/web-session';
import { errorSummary } from '../../errors/error-summary';
import { formValues, keepNotice, takeNotice, takeRefusedForm } from '../../errors/form-state';
import { inPlainWords } from '../../errors/plain-messages';
import { formKey, keyHeader } from '../../forms/form-key';
import { text } from '../../forms/form-values';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import type { NationalPriority } from './national-api';

const PRIORITIES_PATH = '/national/priorities';
const retirePath = (code: string): string => `${PRIORITIES_PATH}/${encodeURIComponent(code)}/retire`;

const PLAIN_WORDS = {
  code: 'Enter a code of upper-case letters, digits and _ (2 to 40), for example COUNTY_LINES',
  title: 'Enter the title, at most 200 characters',
  description: 'Enter the description, at most 2000 characters',
};

/**
 * The national priorities the NCA maintains (issue 16): the list, adding one, and retiring one after a
 * confirmation (no new tasking requests against it; referrals aligned to it keep it).
 */
@NationalPages('national/priorities')
export class PrioritiesController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async list(@Session() session: WebSession, @Res() response: Response): Promise<void> {
    const { items } = await this.api.get<{ items: NationalPriority[] }>(session, '/national/priorities');
    const refused = takeRefusedForm(session, PRIORITIES_PATH);
    const values = refused?.values ?? {};
    const active = (priority: NationalPriority) => priority.retiredAt === null;
    response.render('routes/national/priorities.njk', {
      pageTitle: 'National priorities',
      notice: takeNotice(session),
      priorities: [...items.filter(active), ...items.filter((priority) => !active(priority))].map((priority) => ({
        ...priority,
        retireHref: active(priority) ? retirePath(priority.code) : undefined,
      })),
      values,
      key: formKey(values),
      errors: refused && errorSummary(inPlainWords(refused.problem, PLAIN_WORDS)),
    });
  }

  @Post()
  async add(@Session() session: WebSession, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const form = formValues(body);
    const description = text(form.description).trim();
    const added = await this.api.post<NationalPriority>(
      session,
      '/national/priorities',
      { code: text(form.code).trim(), title: text(form.title), ...(description ? { description } : {}) },
      keyHeader(form.key),
    );
    keepNotice(session, `National priority added: ${added.title} (${added.code})`);
    await redirectAfterSaving(session, response, PRIORITIES_PATH);
  }

  @Get(':code/retire')
  async confirmRetirement(
    @Session() session: WebSession,
    @Param('code') code: string,
    @Res() response: Response,
  ): Promise<void> {
    const { items } = await this.api.get<{ items: NationalPriority[] }>(session, '/national/priorities');
    const priority = items.find((candidate) => candidate.code === code && candidate.retiredAt === null);
    if (!priority) return response.redirect(303, PRIORITIES_PATH);
    response.render('routes/national/priority-retire.njk', { pageTitle: `Retire ${priority.title}`, priority });
  }

  @Post(':code/retire')
  async retire(@Session() session: WebSession, @Param('code') code: string, @Res() response: Response): Promise<void> {
    const retired = await this.api.post<NationalPriority>(
      session,
      `/national/priorities/${encodeURIComponent(code)}/retirement`,
      {},
    );
    keepNotice(session, `National priority retired: ${retired.title} (${retired.code})`);
    await redirectAfterSaving(session, response, PRIORITIES_PATH);
  }
}
