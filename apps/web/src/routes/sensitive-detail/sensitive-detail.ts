import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { JUSTIFICATION_HEADER, justificationHeaderValue, oneLineJustification, sensitiveAccess } from '@rocu/domain';
import type { Response } from 'express';
import type { SessionRequest, WebSession } from '../../auth/web-session';
import { redirectAfterSaving } from '../../setup/redirect-after-saving';
import { errorSummary, ErrorSummary } from '../../errors/error-summary';
import { takeRefusedForm } from '../../errors/form-state';
import { text } from '../../forms/form-values';
import { formRefusal } from '../../errors/api-problem';
import type { IntelligenceItem } from '../gateway/gateway-api.types';

declare module 'express-session' {
  interface SessionData {
    /** Per referral id: why the reader needs its OFFICIAL-SENSITIVE detail (sent with each read; audited by the API). */
    accessJustifications: Record<string, string>;
  }
}

/** The justification header for reads of this referral, once its reader has said why they need the detail. */
export function justificationHeaders(session: WebSession, id: string): Record<string, string> {
  const justification = session.accessJustifications?.[id];
  return justification ? { [JUSTIFICATION_HEADER]: justificationHeaderValue(justification) } : {};
}

/**
 * Keeps the reader's reason for this referral's reads, or refuses it as the API would (10 to 500 characters). Its
 * lines are joined into one: it is sent as a header, and audited as one statement.
 */
export function keepJustification(session: WebSession, id: string, justification: unknown): void {
  const typed = typeof justification === 'string' ? oneLineJustification(justification) : undefined;
  const access = sensitiveAccess('OFFICIAL-SENSITIVE', typed);
  if (access.kind !== 'JUSTIFIED') {
    throw formRefusal('Say why you need the sensitive detail', [
      {
        field: 'justification',
        code: 'length',
        message: 'Say why you need the sensitive detail, in 10 to 500 characters',
      },
    ]);
  }
  session.accessJustifications = { ...session.accessJustifications, [id]: access.justification };
}

/** A post of a referral's "why do you need it" form (`…/referrals/:id/sensitive`). */
export interface JustificationPost {
  session: WebSession;
  id: string;
  justification: unknown;
}

/** Reads a JustificationPost from the request (the two journeys' controllers each declare the route). */
export const JustificationForm = createParamDecorator(
  (_data: unknown, context: ExecutionContext): JustificationPost => {
    const request = context.switchToHttp().getRequest<SessionRequest<{ id: string }>>();
    const body = request.body as { justification?: unknown } | undefined;
    return { session: request.session, id: request.params.id, justification: body?.justification };
  },
);

/** Keeps the reason given, then back to the intelligence on the referral's page (`referralHref` of its id). */
export async function justifySensitiveRead(
  { session, id, justification }: JustificationPost,
  response: Response,
  referralHref: (id: string) => string,
): Promise<void> {
  keepJustification(session, id, justification);
  await redirectAfterSaving(session, response, `${referralHref(id)}#intelligence`);
}

/** What a reason shows, as each journey's pages name it (the NCA's pages show no questions and answers). */
export const SENSITIVE_PARTS = {
  gateway: 'The summary, the intelligence and the force’s answers to questions',
  national: 'The summary and intelligence',
} as const;

export interface JustificationPageView {
  pageTitle: string;
  /** What the reason shows (SENSITIVE_PARTS). */
  sensitiveParts: string;
  reference: string;
  backHref: string;
  value: string;
  errors?: ErrorSummary;
}

/** The "why do you need it" page of a referral whose page is at `referralHref` (the form posts to its own address). */
export function justificationPageView(
  session: WebSession,
  reference: string,
  referralHref: string,
  sensitiveParts: string,
): JustificationPageView {
  const refused = takeRefusedForm(session, `${referralHref}/sensitive`);
  return {
    pageTitle: `Why do you need the sensitive detail of ${reference}?`,
    sensitiveParts,
    reference,
    backHref: referralHref,
    value: text(refused?.values.justification),
    errors: refused && errorSummary(refused.problem),
  };
}

export interface IntelligenceRow {
  reference: string;
  grading: string;
  conditions: string;
}

/** The intelligence items as the referral pages' table shows them. */
export const intelligenceRows = (items: IntelligenceItem[] | undefined): IntelligenceRow[] =>
  (items ?? []).map((item) => ({
    reference: item.reference,
    grading: Object.values(item.grading).join(''),
    conditions: item.conditions ?? '',
  }));
