import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { WebSession } from '../auth/web-session';
import { ApiProblemError, FORM_PROBLEM_STATUSES } from './api-problem';
import { errorSummary } from './error-summary';
import { formValues, keepRefusedForm, KEY_REUSED, refusalShown } from './form-state';
import { CsrfRefusedError, SignInRequiredError } from './web-errors';

type WebRequest = Request & { session?: WebSession };

/** Form fields as flat name/value pairs (bracket notation), so a kept form can be posted again unchanged. */
export function flattenForm(value: unknown, prefix = ''): { name: string; value: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => flattenForm(item, `${prefix}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => flattenForm(item, prefix ? `${prefix}[${key}]` : key));
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? [{ name: prefix, value: String(value) }]
    : [];
}

/**
 * The status of a request the service could not read: a body too large or malformed (the body parser's errors,
 * which say they may be shown and name their type) or an address that does not decode (the router's URIError,
 * which Nest hands on as a BadRequestException). The sender's mistake, never a 500.
 */
function clientErrorStatus(exception: unknown): number | undefined {
  if (exception instanceof BadRequestException) return 400;
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, expose, type } = exception as { status?: unknown; expose?: unknown; type?: unknown };
  const unreadable = expose === true && typeof type === 'string';
  return unreadable && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * Every failure becomes a page in one place: sign in again (no session, or the API no longer accepts the
 * token), the form again with a GOV.UK error summary (400, 409, 422; post-redirect-get, what was typed is
 * kept), a clear page (403, 404), or "try again" (503 and timeouts), which keeps a posted form so nothing
 * is lost. A request it cannot read (too large, malformed) is its own 4xx page.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof SignInRequiredError) return this.signIn(request, response);
    if (exception instanceof CsrfRefusedError) {
      return this.page(response, 403, 'errors/form-expired.njk');
    }
    if (exception instanceof ApiProblemError) return this.apiProblem(exception, request, response);
    if (exception instanceof HttpException && exception.getStatus() === 404) {
      return this.page(response, 404, 'errors/not-found.njk');
    }
    const unreadable = clientErrorStatus(exception);
    if (unreadable !== undefined) {
      return this.page(response, unreadable, 'errors/unreadable-request.njk', { tooLong: unreadable === 413 });
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    this.page(response, 500, 'errors/problem.njk');
  }

  private apiProblem(exception: ApiProblemError, request: WebRequest, response: Response): void {
    const { status } = exception;
    if (status === 401) {
      request.session?.destroy(() => response.redirect(303, '/sign-in?reason=expired'));
      return;
    }
    if (status === 403) return this.page(response, 403, 'errors/forbidden.njk');
    if (status === 404) return this.page(response, 404, 'errors/not-found.njk');
    if (FORM_PROBLEM_STATUSES.has(status) && request.method === 'POST' && request.session) {
      const { key, ...values } = formValues(request.body);
      const keyUsed = exception.problem.code === KEY_REUSED;
      keepRefusedForm(request.session, {
        path: request.path,
        problem: refusalShown(exception.problem),
        // The form's key stays with it through a refusal; one already used for another form gives way to a new one.
        values: keyUsed || key === undefined ? values : { ...values, key },
      });
      // Saved before redirecting: express-session would save while the redirect is already on its way, so
      // the browser's GET could race the save and find no kept form.
      request.session.save(() => response.redirect(303, request.originalUrl));
      return;
    }
    if (FORM_PROBLEM_STATUSES.has(status)) {
      return this.page(response, status, 'errors/refused.njk', { errors: errorSummary(exception.problem) });
    }
    this.page(response, 503, 'errors/try-again.njk', {
      retry:
        request.method === 'POST'
          ? { action: request.originalUrl, fields: flattenForm(formValues(request.body)) }
          : { href: request.originalUrl },
    });
  }

  private signIn(request: WebRequest, response: Response): void {
    if (request.session && request.method === 'GET') request.session.returnTo = request.originalUrl;
    response.redirect(303, '/sign-in');
  }

  private page(response: Response, status: number, view: string, model: Record<string, unknown> = {}): void {
    response.status(status).render(view, model);
  }
}
