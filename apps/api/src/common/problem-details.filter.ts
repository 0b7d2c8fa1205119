import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { appendAudit } from '@rocu/persistence';
import type { CurrentUser } from '../auth/current-user';
import { isDomainError } from '@rocu/domain';
import { correlationIdFor } from '@rocu/observability';
import { isDependencyFailure } from './dependency-failure';
import { httpStatusOf } from './domain-error-status';
import { PROBLEM_CONTENT_TYPE, Problem, problem } from './problem';
import { RequestValidationError } from './request-validation';
import { UnreadableBodyError } from './unreadable-body';

/** Answers that refuse the caller (not a malformed request, not our failure): each is audited. */
const REFUSALS = new Set([401, 403, 404, 409, 422]);
const DEPENDENCY_RETRY_AFTER_SECONDS = '5';

function unreadableBodyProblem(error: UnreadableBodyError): Problem {
  if (error.kind === 'entity.too.large') return problem(413, 'The request body is too large');
  if (error.kind === 'entity.parse.failed') {
    return problem(400, 'The body is not valid JSON', {
      errors: [{ field: '(body)', code: 'invalid_json', message: 'the body is not valid JSON' }],
    });
  }
  if (error.kind === 'encoding.unsupported') {
    return problem(415, 'The Content-Encoding is not supported: send identity, gzip, deflate or br');
  }
  if (error.kind === 'entity.undecodable') {
    return problem(400, 'The body could not be decoded as its Content-Encoding says', {
      errors: [{ field: '(body)', code: 'invalid_encoding', message: 'the body does not match its Content-Encoding' }],
    });
  }
  return problem(error.status < 500 ? error.status : 400, 'The request body could not be read');
}

function toProblem(exception: unknown): Problem {
  if (exception instanceof RequestValidationError) {
    return problem(400, exception.message, { errors: exception.errors });
  }
  if (isDomainError(exception)) {
    const status = httpStatusOf(exception.code);
    return problem(status, exception.message, { code: exception.code, ...(exception.details ?? {}) });
  }
  if (exception instanceof ThrottlerException) {
    return problem(429, 'Too many requests: slow down and retry later');
  }
  if (exception instanceof UnreadableBodyError) return unreadableBodyProblem(exception);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String(response.message)
        : exception.message;
    return problem(status, status >= 500 ? 'The service failed to handle the request' : message);
  }
  if (isDependencyFailure(exception)) {
    return problem(503, 'A dependency is unavailable; retry shortly');
  }
  return problem(500, 'The service failed to handle the request');
}

/**
 * A path's id as the audit keeps it: a record id lower-cased as records are (so a search finds a probe spelt in
 * capitals); any other with NUL, which Postgres refuses in text, as U+FFFD, so the probe is still recorded, and cut
 * to what an id could be.
 */
export const storableId = (id: string | undefined): string | null =>
  id === undefined ? null : isUUID(id) ? id.toLowerCase() : id.replaceAll('\u0000', '\uFFFD').slice(0, 100);

/** The referral a request names in its body or query (a mutual-aid request's, an officers list's), as records are kept. */
const referralsNamedBy = (request: Request): string[] => {
  const named = [request.body, request.query].map((source) => (source as { referralId?: unknown } | null)?.referralId);
  const ids = named.filter((id): id is string => typeof id === 'string' && isUUID(id));
  return [...new Set(ids.map((id) => id.toLowerCase()))];
};

/**
 * The single exception filter: every error leaves as application/problem+json with a correlation id and
 * never with a stack, SQL text or internal names.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Refusals (401, 403, 404, and the rules' 409 and 422 with their code) are audited: repeated refusals are a
   * counter-corruption signal, as is pressing past the rules (an adoption without its justification). The write does
   * not hold up the response; if the database is down the refusal is logged instead.
   */
  private auditRefusal(request: Request & { user?: CurrentUser }, problemBody: Problem): void {
    const params = request.params as Record<string, string | undefined> | undefined;
    const named = referralsNamedBy(request);
    appendAudit(this.dataSource.manager, {
      actorSub: request.user?.sub ?? 'anonymous',
      actorOrg: request.user?.org ?? null,
      action: `HTTP_${request.method}`,
      entityType: 'http',
      // A request naming one referral only in its body or query is about it: the region's auditor finds it so.
      entityId: storableId(params?.id) ?? (named.length === 1 ? named[0] : null),
      outcome: 'DENIED',
      correlationId: problemBody.correlationId,
      details: {
        path: request.path,
        status: problemBody.status,
        ...(problemBody.code ? { code: problemBody.code } : {}),
        // So a search of the trail by that referral finds the refusal too.
        ...(named.length > 0 ? { ids: named } : {}),
      },
    }).catch((error: unknown) =>
      this.logger.warn({ err: error, correlationId: problemBody.correlationId }, 'refusal not audited'),
    );
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: string; user?: CurrentUser }>();
    const response = context.getResponse<Response>();
    const body = toProblem(exception);
    // Errors raised before the logging middleware ran (e.g. unreadable bodies) get their id here.
    body.correlationId = String(request.id ?? correlationIdFor(request, response));
    if (body.status >= 500) {
      this.logger.error({ err: exception, correlationId: body.correlationId }, 'request failed');
    }
    if (REFUSALS.has(body.status)) this.auditRefusal(request, body);
    if (body.status === 429) response.setHeader('Retry-After', '60');
    // A dependency (Temporal, Postgres) is unreachable or saturated: tell the client when to try again.
    if (body.status === 503) response.setHeader('Retry-After', DEPENDENCY_RETRY_AFTER_SECONDS);
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).json(body);
  }
}
