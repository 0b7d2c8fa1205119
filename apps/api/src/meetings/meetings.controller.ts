import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { DecisionRecord, MeetingSnapshot } from '@rocu/contracts';
import { Roles } from '../auth/auth-metadata';
import { correlationIdOf } from '../common/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/idempotency';
import { CurrentUser, User } from '../auth/current-user';
import { DeviationReportService } from './deviation-report.service';
import { MeetingCommandsService } from './meeting-commands.service';
import { MeetingQueriesService } from './meeting-queries.service';
import {
  AttendanceRequest,
  CloseMeetingRequest,
  CreateMeetingRequest,
  DecisionRequest,
  ListMeetingsQuery,
  MinutesQuery,
} from './meeting-requests.dto';
import { DeviationReportDto, MeetingDetailDto, MeetingListResponse, MeetingSummaryDto } from './meeting-views.dto';
import { renderMinutesHtml } from './minutes';
import { MinutesService } from './minutes.service';
import { ApiProblemResponses } from '../common/api-problems';
import { recordIdPipe } from '../common/record-id.pipe';
import { ApiController, RecordAction } from '../common/api-controller';

const uuid = recordIdPipe('No such meeting');

// Actions on a meeting carry no route-level @Roles: visibility (404) is checked before the role (403).
@ApiController('meetings')
export class MeetingsController {
  constructor(
    private readonly commands: MeetingCommandsService,
    private readonly queries: MeetingQueriesService,
    private readonly minutesService: MinutesService,
    private readonly deviations: DeviationReportService,
  ) {}

  @Get('meetings')
  @ApiOperation({ summary: 'Meetings the caller may see, filtered by region, type and status' })
  @ApiProblemResponses(400)
  @ApiOkResponse({ type: MeetingListResponse })
  list(
    @User() user: CurrentUser,
    @Query() query: ListMeetingsQuery,
    @Req() req: Request,
  ): Promise<MeetingListResponse> {
    return this.queries.list(user, query, correlationIdOf(req));
  }

  @Post('meetings')
  @ApiOperation({ summary: "Arrange an extra TTCG or covert commissioning meeting in the caller's region" })
  @ApiProblemResponses(400, 403)
  @Roles('TTCG_CHAIR', 'ROCU_MANAGER')
  @IDEMPOTENCY_KEY_HEADER
  @ApiCreatedResponse({ type: MeetingSummaryDto })
  create(
    @User() user: CurrentUser,
    @Body() body: CreateMeetingRequest,
    @IdempotencyKey() key: string | undefined,
    @Req() req: Request,
  ): Promise<MeetingSummaryDto> {
    return this.commands.create(user, body, key, correlationIdOf(req));
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: 'One meeting: its ranked agenda, attendees, decisions and status' })
  @ApiProblemResponses(404)
  @ApiOkResponse({ type: MeetingDetailDto })
  detail(@User() user: CurrentUser, @Param('id', uuid) id: string, @Req() req: Request): Promise<MeetingDetailDto> {
    return this.queries.detail(user, id, correlationIdOf(req));
  }

  @Post('meetings/:id/attendance')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @RecordAction('the meeting after the attendance is recorded', {
    summary: "The chair records who attends, with each attendee's declared conflicts",
    description:
      'Recorded from one hour before the meeting (MEETING_SETTINGS_JSON `sessionOpensMinutesBefore`) it puts the ' +
      'meeting in session (`inSessionSince`). Attendance recorded earlier is kept but opens nothing.',
  })
  attendance(
    @User() user: CurrentUser,
    @Param('id', uuid) id: string,
    @Body() body: AttendanceRequest,
    @Req() req: Request,
  ): Promise<MeetingSnapshot> {
    return this.commands.attendance(user, id, body, correlationIdOf(req));
  }

  @Post('meetings/:id/decisions')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @RecordAction('the decision recorded', {
    summary: 'Decide an agenda item (RATIFY or OVERTURN an urgent decision listed for ratification)',
    description:
      'Only once the meeting is in session and quorate: a chair who recorded the attendance attends, with ' +
      "representatives of at least half the region's forces (`quorumForceFraction`). Otherwise 409 " +
      '`NOT_IN_SESSION` or `NOT_QUORATE`, naming what is missing.',
  })
  @IDEMPOTENCY_KEY_HEADER
  decide(
    @User() user: CurrentUser,
    @Param('id', uuid) id: string,
    @Body() body: DecisionRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<DecisionRecord> {
    return this.commands.decide(user, id, body, correlationIdOf(req), key);
  }

  @Post('meetings/:id/close')
  @RecordAction('the meeting as closed', { summary: 'The chair closes the meeting, with optional closing remarks' })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  close(
    @User() user: CurrentUser,
    @Param('id', uuid) id: string,
    @Body() body: CloseMeetingRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MeetingSnapshot> {
    return this.commands.close(user, id, body, correlationIdOf(req), key);
  }

  @Get('meetings/:id/minutes')
  @ApiOkResponse({ description: 'the minutes (application/json, or text/html with format=html)' })
  @ApiOperation({ summary: 'The minutes of the meeting, as JSON or (format=html) a printable page' })
  @ApiProblemResponses(400, 403, 404)
  @ApiProduces('application/json', 'text/html')
  async minutes(
    @User() user: CurrentUser,
    @Param('id', uuid) id: string,
    @Query() query: MinutesQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object | string> {
    const minutes = await this.minutesService.minutes(user, id, correlationIdOf(req));
    if (query.format !== 'html') return minutes;
    res.type('text/html');
    return renderMinutesHtml(minutes);
  }

  @Get('reports/deviations')
  @ApiOperation({ summary: 'Decisions that adopted an agenda item ahead of higher-ranked ones, by month' })
  @ApiProblemResponses(403)
  @ApiOkResponse({ type: DeviationReportDto })
  deviationReport(@User() user: CurrentUser, @Req() req: Request): Promise<DeviationReportDto> {
    return this.deviations.report(user, correlationIdOf(req));
  }
}
