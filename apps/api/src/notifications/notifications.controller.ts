import { Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiProblemResponse } from '../common/api-problems';
import { Roles } from '../auth/auth-metadata';
import { CurrentUser, User } from '../auth/current-user';
import { correlationIdOf } from '../common/correlation-id';
import { PageQuery } from '../common/page.query';
import { notificationIdPipe } from './notification-id.pipe';
import {
  DeliveryReportResponse,
  FailedDeliveryListResponse,
  NotificationListResponse,
  NotificationReadResponse,
  UnreadCountResponse,
} from './notification-views.dto';
import { NotificationsService } from './notifications.service';
import { ApiController, RecordAction } from '../common/api-controller';

const BAD_PAGE = 'page or pageSize out of range (each bad field listed)';
const NOT_A_MANAGER = 'the caller is not a ROCU manager';

@ApiController('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({
    summary: "The caller's notifications (their roles in their organisation, and those naming them), newest first",
  })
  @ApiOkResponse({ type: NotificationListResponse })
  @ApiProblemResponse(400, BAD_PAGE)
  inbox(@User() user: CurrentUser, @Query() page: PageQuery, @Req() req: Request): Promise<NotificationListResponse> {
    return this.notifications.inbox(user, page, correlationIdOf(req));
  }

  @Get('notifications/unread-count')
  @ApiOperation({ summary: "How many of the caller's notifications are unread (for a page header)" })
  @ApiOkResponse({ type: UnreadCountResponse })
  async unreadCount(@User() user: CurrentUser): Promise<UnreadCountResponse> {
    return { unread: await this.notifications.unreadCount(user) };
  }

  @Post('notifications/:id/read')
  @RecordAction(NotificationReadResponse, {
    summary: "Mark one of the caller's notifications read (a repeat keeps the first time)",
  })
  @ApiProblemResponse(404, "no such notification, or it is someone else's")
  markRead(
    @User() user: CurrentUser,
    @Param('id', notificationIdPipe) id: string,
    @Req() req: Request,
  ): Promise<NotificationReadResponse> {
    return this.notifications.markRead(user, id, correlationIdOf(req));
  }

  @Get('notifications/failed-deliveries')
  @Roles('ROCU_MANAGER')
  @ApiOperation({
    summary: "E-mail deliveries that failed after their retries, in the caller's region, most recent first",
  })
  @ApiOkResponse({ type: FailedDeliveryListResponse })
  @ApiProblemResponse(400, BAD_PAGE)
  @ApiProblemResponse(403, NOT_A_MANAGER)
  failedDeliveries(
    @User() user: CurrentUser,
    @Query() page: PageQuery,
    @Req() req: Request,
  ): Promise<FailedDeliveryListResponse> {
    return this.notifications.failedDeliveries(user, page, correlationIdOf(req));
  }

  @Get('reports/notification-deliveries')
  @Roles('ROCU_MANAGER')
  @ApiOperation({ summary: "MI: e-mail deliveries in the caller's region by state (pending, sent, failed), per kind" })
  @ApiOkResponse({ type: DeliveryReportResponse })
  @ApiProblemResponse(403, NOT_A_MANAGER)
  deliveryReport(@User() user: CurrentUser, @Req() req: Request): Promise<DeliveryReportResponse> {
    return this.notifications.deliveryReport(user, correlationIdOf(req));
  }
}
