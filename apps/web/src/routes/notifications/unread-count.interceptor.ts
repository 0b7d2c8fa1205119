import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { ApiClient } from '../../api/api-client.service';
import type { WebSession } from '../../auth/web-session';
import { NavigationItem, NOTIFICATIONS_HREF } from '../navigation';

/** The navigation entry with the count of unread notifications, as a tag that reads "3 unread". */
export function withUnreadCount(navigation: NavigationItem[], unread: number): NavigationItem[] {
  if (unread <= 0) return navigation;
  return navigation.map((item) =>
    item.href === NOTIFICATIONS_HREF
      ? {
          ...item,
          html: `${item.text} <strong class="govuk-tag govuk-tag--red app-unread-count" data-testid="unread-count">${unread}<span class="govuk-visually-hidden"> unread</span></strong>`,
        }
      : item,
  );
}

/**
 * Puts the signed-in person's unread count in the header of every page: asked of the API while the page's
 * own work runs, and left out (never an error) if the API does not answer.
 */
@Injectable()
export class UnreadCountInterceptor implements NestInterceptor {
  private readonly logger = new Logger(UnreadCountInterceptor.name);

  constructor(private readonly api: ApiClient) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { session?: WebSession }>();
    const session = request.session;
    if (request.method !== 'GET' || !session?.user || !session.apiToken) return next.handle();
    const unread = this.api.get<{ unread: number }>(session, '/notifications/unread-count').then(
      (answer) => answer.unread,
      (error: unknown) => {
        this.logger.warn(`unread count not shown: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      },
    );
    const response = http.getResponse<Response>();
    return next.handle().pipe(
      mergeMap((model: unknown) =>
        from(
          unread.then((count) => {
            response.locals.navigation = withUnreadCount(response.locals.navigation as NavigationItem[], count);
            return model;
          }),
        ),
      ),
    );
  }
}
