import { Injectable, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { request } from 'undici';
import { WebConfig } from '@rocu/config';
import { ApiProblemError, isApiProblem } from '../errors/api-problem';
import type { WebSession } from '../auth/web-session';

export type QueryValues = Record<string, string | number | undefined>;

/**
 * The one way the web app reaches the API: with the signed-in person's token from the session (the token
 * never leaves the server). A refusal becomes an ApiProblemError carrying the API's problem+json; an API
 * that cannot be reached or does not answer in time becomes a 503 problem, so the person can try again.
 * Calls go through undici's `request` over kept-alive connections: a page makes several calls, and `fetch`
 * cost a few milliseconds of CPU each (bench web path).
 */
@Injectable()
export class ApiClient {
  private readonly logger = new Logger(ApiClient.name);

  constructor(private readonly config: WebConfig) {}

  get<T>(session: WebSession, path: string, query: QueryValues = {}, headers: Record<string, string> = {}): Promise<T> {
    return this.call<T>('GET', path, session.apiToken, undefined, query, headers);
  }

  post<T>(session: WebSession, path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call<T>('POST', path, session.apiToken, body, {}, headers);
  }

  patch<T>(session: WebSession, path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call<T>('PATCH', path, session.apiToken, body, {}, headers);
  }

  /** A read with a token not yet in a session: OpenID Connect sign-in checks the new token with the API. */
  getWithToken<T>(token: string, path: string): Promise<T> {
    return this.call<T>('GET', path, token);
  }

  /** Calls made before anyone is signed in (the dev-token route). */
  postAnonymous<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, undefined, body);
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    token: string | undefined,
    body?: unknown,
    query: QueryValues = {},
    headers: Record<string, string> = {},
  ): Promise<T> {
    const url = new URL(`${this.config.API_BASE_URL}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        // undici's own timeouts rather than an AbortSignal.timeout per call (a timer and a signal each).
        headersTimeout: this.config.API_TIMEOUT_MS,
        bodyTimeout: this.config.API_TIMEOUT_MS,
      });
    } catch (error) {
      this.logger.warn(`${method} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new ApiProblemError({ status: 503, title: 'Service unavailable', detail: 'The service did not answer' });
    }
    const { statusCode } = response;
    const payload: unknown = await response.body.json().catch(() => undefined);
    if (statusCode >= 200 && statusCode < 300) return payload as T;
    throw new ApiProblemError(
      isApiProblem(payload)
        ? payload
        : {
            status: statusCode,
            title: STATUS_CODES[statusCode] ?? 'Error',
            detail: `The service answered ${statusCode}`,
          },
    );
  }
}
