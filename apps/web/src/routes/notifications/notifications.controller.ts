import { Body, Controller, Get, NotFoundException, Param, Post, Query, Render, Res, Session } from '@nestjs/common';
import type { Response } from 'express';
import { ApiClient } from '../../api/api-client.service';
import type { WebSession } from '../../auth/web-session';
import { text } from '../../forms/form-values';
import { pageNumber } from '../../presentation/pagination';
import type { FailedDeliveryList, NotificationList } from './notification-api';
import {
  failedDeliveriesView,
  FailedDeliveriesView,
  INBOX_PAGE_SIZE,
  inboxView,
  InboxView,
} from './notifications.view-model';

/** A notification id from the address or a form; anything else is a page that does not exist. */
function notificationId(id: string): string {
  if (!/^[1-9]\d{0,17}$/.test(id)) throw new NotFoundException();
  return id;
}

/**
 * The signed-in person's notifications (newest first, unread ones marked, each marked read by a small form,
 * so it works without JavaScript) and, for ROCU managers, the e-mail deliveries that failed.
 */
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('routes/notifications/notifications.njk')
  async inbox(@Session() session: WebSession, @Query('page') page: unknown): Promise<InboxView> {
    const list = await this.api.get<NotificationList>(session, '/notifications', {
      page: pageNumber(page),
      pageSize: INBOX_PAGE_SIZE,
    });
    return inboxView(list, session.user?.roles ?? []);
  }

  @Get('failed-deliveries')
  @Render('routes/notifications/failed-deliveries.njk')
  async failedDeliveries(@Session() session: WebSession, @Query('page') page: unknown): Promise<FailedDeliveriesView> {
    const list = await this.api.get<FailedDeliveryList>(session, '/notifications/failed-deliveries', {
      page: pageNumber(page),
      pageSize: INBOX_PAGE_SIZE,
    });
    return failedDeliveriesView(list);
  }

  @Post(':id/read')
  async markRead(
    @Session() session: WebSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await this.api.post(session, `/notifications/${notificationId(id)}/read`, {});
    res.redirect(303, `/notifications?page=${pageNumber(text(body.page))}#notification-${id}`);
  }
}
