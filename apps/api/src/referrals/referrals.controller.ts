import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { JUSTIFICATION_HEADER } from '@rocu/domain';
import { Roles } from '../auth/auth-metadata';
import { correlationIdOf } from '../common/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/idempotency';
import { CurrentUser, User } from '../auth/current-user';
import { UrgentDecisionRequest } from '../meetings/meeting-requests.dto';
import { AssessmentRequest } from './assessment.dto';
import { ListReferralsQuery } from './list-referrals.query';
import { AccessJustification } from './access-justification';
import { referralIdPipe } from '../common/record-id.pipe';
import { InformationRequest, TriageRequest, WithdrawRequest } from './referral-actions.dto';
import { ReferralCommandsService } from './referral-commands.service';
import { ReferralQueriesService } from './referral-queries.service';
import {
  AssessmentResultDto,
  ReferralDetailDto,
  ReferralListResponse,
  ReferralStatusDto,
  SubmitReferralResponse,
} from './referral-views.dto';
import { SubmitReferralRequest } from './submit-referral.dto';
import { ApiProblemResponses } from '../common/api-problems';
import { ApiController, RecordAction } from '../common/api-controller';

// Actions on a record carry no route-level @Roles: the service first checks the record is visible (404),
// then the role through the pure rules (403), so an invisible record never answers 403.
@ApiController('referrals', 'referrals')
export class ReferralsController {
  constructor(
    private readonly commands: ReferralCommandsService,
    private readonly queries: ReferralQueriesService,
  ) {}

  @Post()
  @ApiProblemResponses(400, 403, 422)
  @Roles('FORCE_REFERRER', 'NCA_LIAISON')
  @ApiOperation({
    summary:
      'Submit a referral (201; a repeat with the same Idempotency-Key and body answers 200 with the same referral, another body 422)',
    description:
      'Forces and partner agencies (an NCA liaison, referrers of HMRC, Border Force, Immigration Enforcement) refer. ' +
      'A partner agency may name the region whose gateway takes it; otherwise it goes to the ROCU of the first force ' +
      'affected that has one. Threat to life makes it IMMEDIATE in effect. 400 lists every invalid field, a force ' +
      'naming a region, and an agency referral naming no region when no force affected has a ROCU; 422 `NO_ROCU` ' +
      "when no force affected by a force's referral has a ROCU (London forces, British Transport Police): the NCA route.",
  })
  @IDEMPOTENCY_KEY_HEADER
  @ApiCreatedResponse({ type: SubmitReferralResponse })
  async submit(
    @User() user: CurrentUser,
    @Body() body: SubmitReferralRequest,
    @IdempotencyKey() key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubmitReferralResponse> {
    const { created, referral } = await this.commands.submit(user, body, key, correlationIdOf(req));
    res.status(created ? 201 : 200);
    return referral;
  }

  @Get()
  @ApiOperation({ summary: 'Referrals the caller may see, filtered and sorted (deadline first by default)' })
  @ApiProblemResponses(400)
  @ApiOkResponse({ type: ReferralListResponse })
  list(
    @User() user: CurrentUser,
    @Query() query: ListReferralsQuery,
    @Req() req: Request,
  ): Promise<ReferralListResponse> {
    return this.queries.list(user, query, correlationIdOf(req));
  }

  @Get(':id')
  @ApiOperation({
    summary: "One referral: status, deadlines, history, latest assessment and the caller's available actions",
  })
  @ApiProblemResponses(400, 404)
  @ApiHeader({
    name: JUSTIFICATION_HEADER,
    required: false,
    description:
      'why you need OFFICIAL-SENSITIVE detail: one header, 10-500 characters, at least 3 words (audited as one line); ' +
      "text beyond printable ASCII as an RFC 8187 ext-value, UTF-8'' then the percent-encoded UTF-8",
  })
  @ApiOkResponse({ type: ReferralDetailDto })
  detail(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @AccessJustification() justification: string | undefined,
    @Req() req: Request,
  ): Promise<ReferralDetailDto> {
    return this.queries.detail(user, id, correlationIdOf(req), justification);
  }

  @Post(':id/triage')
  @RecordAction(ReferralStatusDto, { summary: 'Triage a submitted referral: ACCEPT, REQUEST_INFO or REJECT' })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  triage(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: TriageRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.commands.triage(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/information')
  @RecordAction(ReferralStatusDto, { summary: 'Provide the further information triage asked for' })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  information(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: InformationRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.commands.provideInformation(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/assessment')
  @RecordAction(AssessmentResultDto, { summary: "Record the ROCU's assessment of the referral and its risk score" })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  assess(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: AssessmentRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AssessmentResultDto> {
    return this.commands.assess(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/urgent-decision')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @RecordAction(ReferralStatusDto, {
    summary: 'Out-of-meeting decision for an IMMEDIATE referral awaiting decision; ratified at the next meeting',
    description:
      'Only while the referral is AWAITING_DECISION and only once (otherwise 409 naming the state and the allowed ' +
      'actions); only IMMEDIATE referrals, and never DEFER (422: a decision taken because the case cannot wait ' +
      'cannot put it off). The next meeting of the type it was routed to (TTCG or covert commissioning) ratifies it.',
  })
  @IDEMPOTENCY_KEY_HEADER
  urgentDecision(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: UrgentDecisionRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.commands.urgentDecision(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/withdraw')
  @RecordAction(ReferralStatusDto, { summary: 'Withdraw the referral, with a reason' })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  withdraw(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: WithdrawRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.commands.withdraw(user, id, body, correlationIdOf(req), key);
  }
}
