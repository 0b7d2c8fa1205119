import { Body, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiProblemResponse } from '../common/api-problems';
import { Roles } from '../auth/auth-metadata';
import { CurrentUser, User } from '../auth/current-user';
import { ActionRefusals } from '../common/action-responses';
import { correlationIdOf } from '../common/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/idempotency';
import { PageQuery } from '../common/page.query';
import { referralIdPipe } from '../common/record-id.pipe';
import { ReferralStatusDto } from '../referrals/referral-views.dto';
import { NationalQueueService } from './national-queue.service';
import { NationalAcceptRequest, NationalReturnRequest } from './national-requests.dto';
import { NationalQueueResponse } from './national-views.dto';
import { ApiController, RecordAction } from '../common/api-controller';

const NOT_NCA = 'not an NCA liaison';
/** The refusals of the NCA's answer to a referral sent national. */
const NCA_ANSWER_REFUSALS = {
  badRequest: 'invalid fields (each listed)',
  forbidden: NOT_NCA,
  notFound: 'no such referral, or not visible to you (the NCA sees referrals sent national)',
  conflict: 'not awaiting the NCA (the body names its state and your available actions)',
};

@ApiController('national')
export class NationalController {
  constructor(private readonly national: NationalQueueService) {}

  @Get('national/queue')
  @Roles('NCA_LIAISON')
  @ApiOperation({
    summary: "The NCA's national queue: referrals sent national by every region, soonest answer due first",
  })
  @ApiOkResponse({ type: NationalQueueResponse })
  @ApiProblemResponse(400, 'invalid paging')
  @ApiProblemResponse(403, NOT_NCA)
  queue(@User() user: CurrentUser, @Query() query: PageQuery, @Req() req: Request): Promise<NationalQueueResponse> {
    return this.national.queue(user, query, correlationIdOf(req));
  }

  // As for every action on a record: visibility first (404), then the role through the pure rules (403).
  @Post('referrals/:id/national-acceptance')
  @RecordAction(ReferralStatusDto, {
    summary:
      "Accept a referral sent national, with the NCA's reference: it leaves the region's books, keeping its history",
  })
  @ActionRefusals(NCA_ANSWER_REFUSALS)
  @IDEMPOTENCY_KEY_HEADER
  accept(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: NationalAcceptRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.national.accept(user, id, body, correlationIdOf(req), key);
  }

  @Post('referrals/:id/national-return')
  @RecordAction(ReferralStatusDto, {
    summary:
      "Return a referral sent national to its region with reasons: back on the next meeting's agenda (or to assessment)",
  })
  @ActionRefusals(NCA_ANSWER_REFUSALS)
  @IDEMPOTENCY_KEY_HEADER
  return(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: NationalReturnRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.national.return(user, id, body, correlationIdOf(req), key);
  }
}
