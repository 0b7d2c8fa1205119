import type { SessionData } from 'express-session';
import type { ApiProblem } from './api-problem';

/** A refused form carried across post-redirect-get: the API's problem and what the person had typed. */
export interface FormFlash {
  path: string;
  problem: Pick<ApiProblem, 'status' | 'detail' | 'code' | 'errors'>;
  values: Record<string, unknown>;
}

type FlashHolder = Partial<Pick<SessionData, 'flash' | 'notice'>>;

/** The API's refusal of a form's Idempotency-Key: it already did something with another version of the form. */
export const KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';
const SENT_BEFORE =
  'You sent this form before and it was recorded, so these changes were not sent. Check what was recorded: ' +
  'sending the form again records it again.';

/**
 * Whether a refusal being shown spent the form's key. A form keeping its key in a draft or the session takes a
 * new one only then, once the person has been told: a double-click's second request, sent meanwhile, is refused
 * too rather than recorded again unnoticed.
 */
export const keySpent = (problem: Pick<ApiProblem, 'code'> | undefined): boolean => problem?.code === KEY_REUSED;

/** What a refused form shows: the API's problem, or for a used key what that means to the person. */
export function refusalShown({ status, detail, code, errors }: ApiProblem): FormFlash['problem'] {
  return code === KEY_REUSED ? { status, detail: SENT_BEFORE, code } : { status, detail, code, errors };
}

/** Keeps a refused form for the next GET of the same page (the filter calls this, then redirects). */
export function keepRefusedForm(session: FlashHolder, flash: FormFlash): void {
  session.flash = flash;
}

/** The refused form kept for this page, once: a refresh shows the page clean. */
export function takeRefusedForm(session: FlashHolder, path: string): FormFlash | undefined {
  const flash = session.flash;
  if (!flash) return undefined;
  delete session.flash;
  return flash.path === path ? flash : undefined;
}

/**
 * Keeps the refusal of a form that can no longer be shown (another person finished what it changes meanwhile) for
 * the page it belongs to, so the reason reaches the person instead of "page not found". False when none was kept.
 */
export function moveRefusal(session: FlashHolder, from: string, to: string): boolean {
  const flash = takeRefusedForm(session, from);
  if (flash) {
    // The fields it names are on the form, not on that page: its messages link to the page's content instead.
    const errors = flash.problem.errors?.map((error) => ({ ...error, field: '' }));
    keepRefusedForm(session, { path: to, problem: { ...flash.problem, errors }, values: {} });
  }
  return flash !== undefined;
}

/** The submitted form without its CSRF token, as kept for re-display or a retry. */
export function formValues(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const { _csrf: _token, ...values } = body as Record<string, unknown>;
  return values;
}

/** A confirmation for the next page the person sees (after a successful post-redirect). */
export function keepNotice(session: FlashHolder, text: string): void {
  session.notice = text;
}

export function takeNotice(session: FlashHolder): string | undefined {
  const notice = session.notice;
  delete session.notice;
  return notice;
}
