import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth-metadata';
import { CurrentUser, User } from '../auth/current-user';
import { ApiProblemResponse } from '../common/api-problems';
import { correlationIdOf } from '../common/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/idempotency';
import { SubmitReferralResponse } from '../referrals/referral-views.dto';
import { priorityCodePipe } from '../common/national-priority-code.validator';
import { NationalPrioritiesService } from './national-priorities.service';
import { NationalPriorityCommandsService } from './national-priority-commands.service';
import { NationalRhythmService } from './national-rhythm.service';
import { NationalTaskingService } from './national-tasking.service';
import { CreateNationalPriorityRequest, NationalCalendarQuery, NationalTaskingRequest } from './national-tasking.dto';
import {
  NationalCalendarResponse,
  NationalPrioritiesResponse,
  NationalPriorityDto,
  NationalReportResponse,
} from './national-tasking-views.dto';
import { ApiController, RecordAction } from '../common/api-controller';

const NOT_NCA = 'not an NCA liaison';

/** National priorities, the NCA's tasking requests, and the national rhythm (issue 16). */
@ApiController('national', 'national')
export class NationalTaskingController {
  constructor(
    private readonly priorities: NationalPrioritiesService,
    private readonly priorityCommands: NationalPriorityCommandsService,
    private readonly tasking: NationalTaskingService,
    private readonly rhythm: NationalRhythmService,
  ) {}

  @Get('priorities')
  @ApiOperation({ summary: 'The national priorities the NCA maintains, active and retired (`retiredAt`)' })
  @ApiOkResponse({ type: NationalPrioritiesResponse })
  listPriorities(): Promise<NationalPrioritiesResponse> {
    return this.priorities.list();
  }

  @Post('priorities')
  @Roles('NCA_LIAISON')
  @ApiOperation({ summary: 'Add a national priority (NCA liaison)' })
  @ApiCreatedResponse({ type: NationalPriorityDto })
  @ApiProblemResponse(400, 'invalid fields (each listed)')
  @ApiProblemResponse(403, NOT_NCA)
  @ApiProblemResponse(409, 'the code is taken (`ALREADY_EXISTS`)')
  @IDEMPOTENCY_KEY_HEADER
  createPriority(
    @User() user: CurrentUser,
    @Body() body: CreateNationalPriorityRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<NationalPriorityDto> {
    return this.priorityCommands.create(user, body, correlationIdOf(req), key);
  }

  @Post('priorities/:code/retirement')
  @Roles('NCA_LIAISON')
  @RecordAction(NationalPriorityDto, {
    summary:
      'Retire a national priority (NCA liaison): no new requests against it; aligned referrals keep it. A repeat changes nothing',
  })
  @ApiProblemResponse(403, NOT_NCA)
  @ApiProblemResponse(404, 'no such national priority')
  retirePriority(
    @User() user: CurrentUser,
    @Param('code', priorityCodePipe) code: string,
    @Req() req: Request,
  ): Promise<NationalPriorityDto> {
    return this.priorityCommands.retire(user, code, correlationIdOf(req));
  }

  @Post('tasking-requests')
  @Roles('NCA_LIAISON')
  @ApiOperation({
    summary: "Ask a region's ROCU to take on work against a national priority (201; a repeat with the key 200)",
    description:
      "A referral made by the NCA, scored by the NCA (`assessment`, recorded as the referral's assessment and " +
      "routed to the TTCG): it goes straight to AWAITING_DECISION, so the region's next TTCG lists it, flagged with " +
      '`origin: NCA_TASKING` and its `nationalPriority`. Declining it needs a `declineJustification`; declines are ' +
      'reported in `GET /national/report`. 400 lists every invalid field, including a `nationalPriority` that is not active.',
  })
  @IDEMPOTENCY_KEY_HEADER
  @ApiCreatedResponse({ type: SubmitReferralResponse })
  @ApiProblemResponse(400, 'invalid fields (each listed)')
  @ApiProblemResponse(403, NOT_NCA)
  @ApiProblemResponse(422, 'the Idempotency-Key was used with another body')
  async request(
    @User() user: CurrentUser,
    @Body() body: NationalTaskingRequest,
    @IdempotencyKey() key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubmitReferralResponse> {
    const { created, referral } = await this.tasking.request(user, body, key, correlationIdOf(req));
    res.status(created ? 201 : 200);
    return referral;
  }

  @Get('calendar')
  @Roles('NCA_LIAISON')
  @ApiOperation({
    summary: "Every region's TTCG and covert commissioning meetings in a window (covert ones as region and date only)",
  })
  @ApiOkResponse({ type: NationalCalendarResponse })
  @ApiProblemResponse(400, 'invalid window (`from`, `to`)')
  @ApiProblemResponse(403, NOT_NCA)
  calendar(
    @User() user: CurrentUser,
    @Query() query: NationalCalendarQuery,
    @Req() req: Request,
  ): Promise<NationalCalendarResponse> {
    return this.rhythm.calendar(user, query, correlationIdOf(req));
  }

  @Get('report')
  @Roles('NCA_LIAISON')
  @ApiOperation({
    summary:
      "Per region and national priority: counts awaiting decision, adopted and declined; and the declines of the NCA's own requests",
  })
  @ApiOkResponse({ type: NationalReportResponse })
  @ApiProblemResponse(403, NOT_NCA)
  report(@User() user: CurrentUser, @Req() req: Request): Promise<NationalReportResponse> {
    return this.rhythm.report(user, correlationIdOf(req));
  }
}
