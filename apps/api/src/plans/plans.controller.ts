import { Body, Get, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, User } from '../auth/current-user';
import { correlationIdOf } from '../common/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/idempotency';
import { recordIdPipe, referralIdPipe } from '../common/record-id.pipe';
import { PlanCommandsService } from './plan-commands.service';
import { PlanQueriesService } from './plan-queries.service';
import { AddActionRequest, ChangeActionRequest, DisruptionRequest, ReviewRequest } from './plan-requests.dto';
import { DisruptionDto, PlanActionDto, PlanDto, RegionBalanceDto, ReviewDto } from './plan-views.dto';
import { ApiProblemResponses } from '../common/api-problems';
import { ApiController, RecordAction } from '../common/api-controller';

const actionIdPipe = recordIdPipe('No such action');

// Visibility is the referral's (404); only the plan's own SIO and LRO change it (403); a closed plan is read-only (409).
@ApiController('4P plans')
export class PlansController {
  constructor(
    private readonly commands: PlanCommandsService,
    private readonly queries: PlanQueriesService,
  ) {}

  @Get('referrals/:id/plan')
  @ApiProblemResponses(403, 404)
  @ApiOperation({ summary: 'The 4P plan: actions, disruptions, reviews, next review due and its 4P balance (audited)' })
  @ApiOkResponse({ type: PlanDto })
  plan(@User() user: CurrentUser, @Param('id', referralIdPipe) id: string, @Req() req: Request): Promise<PlanDto> {
    return this.queries.view(user, id, correlationIdOf(req));
  }

  @Post('referrals/:id/plan/actions')
  @ApiOperation({ summary: 'Add an action to the plan under one of the 4P pillars' })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  @ApiCreatedResponse({ type: PlanActionDto })
  addAction(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: AddActionRequest,
    @IdempotencyKey() key: string | undefined,
    @Req() req: Request,
  ) {
    return this.commands.addAction(user, id, body, correlationIdOf(req), key);
  }

  @Patch('referrals/:id/plan/actions/:actionId')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @ApiOperation({ summary: 'Change an action’s status; name the version you read (a stale one is 409)' })
  @IDEMPOTENCY_KEY_HEADER
  @ApiOkResponse({ type: PlanActionDto })
  changeAction(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Param('actionId', actionIdPipe) actionId: string,
    @Body() body: ChangeActionRequest,
    @IdempotencyKey() key: string | undefined,
    @Req() req: Request,
  ) {
    return this.commands.changeAction(user, id, actionId, body, correlationIdOf(req), key);
  }

  @Post('referrals/:id/plan/disruptions')
  @ApiOperation({ summary: 'Record a disruption achieved against the group' })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  @ApiCreatedResponse({ type: DisruptionDto })
  recordDisruption(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: DisruptionRequest,
    @IdempotencyKey() key: string | undefined,
    @Req() req: Request,
  ) {
    return this.commands.recordDisruption(user, id, body, correlationIdOf(req), key);
  }

  @Post('referrals/:id/plan/reviews')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @RecordAction(ReviewDto, {
    summary: 'Sign the joint review: the first signature opens it, the other owner’s completes it',
  })
  @IDEMPOTENCY_KEY_HEADER
  async signReview(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: ReviewRequest,
    @IdempotencyKey() key: string | undefined,
    @Req() req: Request,
  ): Promise<ReviewDto> {
    const review = await this.commands.signReview(user, id, body, correlationIdOf(req), key);
    return { ...review, complete: review.completedAt !== undefined, completedAt: review.completedAt ?? null };
  }

  @Get('reports/4p-balance')
  @ApiProblemResponses(403)
  @ApiOperation({ summary: "Actions and disruptions by pillar across the caller's region" })
  @ApiOkResponse({ type: RegionBalanceDto })
  regionBalance(@User() user: CurrentUser, @Req() req: Request): Promise<RegionBalanceDto> {
    return this.queries.regionBalance(user, correlationIdOf(req));
  }
}
