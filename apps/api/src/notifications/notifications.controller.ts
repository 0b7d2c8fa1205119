import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
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

const NO_TOKEN = { description: 'no token, or an invalid one' };
const BAD_PAGE = { description: 'page or pageSize out of range (each bad field listed)' };
const NOT_A_MANAGER = { description: 'the caller is not a ROCU manager' };

@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse(NO_TOKEN)
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({
    summary: "The caller's notifications (their roles in their organisation, and those naming them), newest first",
  })
  @ApiOkResponse({ type: NotificationListResponse })
  @ApiBadRequestResponse(BAD_PAGE)
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
  @HttpCode(200)
  @ApiOperation({ summary: "Mark one of the caller's notifications read (a repeat keeps the first time)" })
  @ApiOkResponse({ type: NotificationReadResponse })
  @ApiNotFoundResponse({ description: "no such notification, or it is someone else's" })
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
  @ApiBadRequestResponse(BAD_PAGE)
  @ApiForbiddenResponse(NOT_A_MANAGER)
  failedDeliveries(@User() user: CurrentUser, @Query() page: PageQuery): Promise<FailedDeliveryListResponse> {
    return this.notifications.failedDeliveries(user, page);
  }

  @Get('reports/notification-deliveries')
  @Roles('ROCU_MANAGER')
  @ApiOperation({ summary: "MI: e-mail deliveries in the caller's region by state (pending, sent, failed), per kind" })
  @ApiOkResponse({ type: DeliveryReportResponse })
  @ApiForbiddenResponse(NOT_A_MANAGER)
  deliveryReport(@User() user: CurrentUser): Promise<DeliveryReportResponse> {
    return this.notifications.deliveryReport(user);
  }
}
