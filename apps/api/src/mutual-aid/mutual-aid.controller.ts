import { Body, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '../auth/auth-metadata';
import { CurrentUser, User } from '../auth/current-user';
import { ApiProblemResponses } from '../common/api-problems';
import { correlationIdOf } from '../common/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/idempotency';
import { PageQuery } from '../common/page.query';
import { recordIdPipe } from '../common/record-id.pipe';
import { CreateMutualAidRequest, MutualAidDecisionRequest, WithdrawMutualAidRequest } from './mutual-aid-requests.dto';
import { MutualAidListResponse, MutualAidRequestDto } from './mutual-aid-views.dto';
import { MutualAidService } from './mutual-aid.service';
import { ApiController, RecordAction } from '../common/api-controller';

const requestIdPipe = recordIdPipe('No such mutual-aid request');

// Record first (a tasking or request the caller may not see is 404), then the side and role (403).
@ApiController('mutual aid', 'mutual-aid-requests')
export class MutualAidController {
  constructor(private readonly mutualAid: MutualAidService) {}

  @Post()
  @ApiProblemResponses(400, 403, 404, 409)
  @ApiOperation({
    summary: "Ask another region for an SIO or a capability for a live tasking (the tasking region's ROCU manager)",
  })
  @ApiCreatedResponse({ type: MutualAidRequestDto })
  @IDEMPOTENCY_KEY_HEADER
  request(
    @User() user: CurrentUser,
    @Body() body: CreateMutualAidRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MutualAidRequestDto> {
    return this.mutualAid.request(user, body, correlationIdOf(req), key);
  }

  @Get()
  @Roles('ROCU_MANAGER')
  @ApiProblemResponses(400, 403)
  @ApiOperation({ summary: "Mutual-aid requests the caller's region made or was asked, newest first (ROCU manager)" })
  @ApiOkResponse({ type: MutualAidListResponse })
  list(@User() user: CurrentUser, @Query() page: PageQuery, @Req() req: Request): Promise<MutualAidListResponse> {
    return this.mutualAid.list(user, page, correlationIdOf(req));
  }

  @Post(':id/decision')
  @ApiProblemResponses(400, 403, 404, 409)
  @IDEMPOTENCY_KEY_HEADER
  @RecordAction(MutualAidRequestDto, {
    summary: "Approve or refuse a request (the lending region's ROCU manager); a refusal needs a reason",
    description:
      'Approving an SIO request names the SIO lent (`officerSub`, an SIO of the lending region). The borrowing ' +
      'region then allocates that SIO to the tasking (POST /referrals/{id}/sio), who sees and works that tasking only.',
  })
  decide(
    @User() user: CurrentUser,
    @Param('id', requestIdPipe) id: string,
    @Body() body: MutualAidDecisionRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MutualAidRequestDto> {
    return this.mutualAid.decide(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/withdrawal')
  @ApiProblemResponses(400, 403, 404, 409)
  @IDEMPOTENCY_KEY_HEADER
  @RecordAction(MutualAidRequestDto, {
    summary: "Withdraw a request not yet decided, with a reason (the borrowing region's ROCU manager)",
  })
  withdraw(
    @User() user: CurrentUser,
    @Param('id', requestIdPipe) id: string,
    @Body() body: WithdrawMutualAidRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MutualAidRequestDto> {
    return this.mutualAid.withdraw(user, id, body, correlationIdOf(req), key);
  }
}
