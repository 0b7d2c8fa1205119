import { Body, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, User } from '../auth/current-user';
import { ActionRefusals } from '../common/action-responses';
import { correlationIdOf } from '../common/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/idempotency';
import { referralIdPipe } from '../common/record-id.pipe';
import { ReferralStatusDto } from '../referrals/referral-views.dto';
import { PartnerCommandsService } from './partner-commands.service';
import { PartnerCheckRequest, PartnerDisposalRequest } from './partner-requests.dto';
import { ApiController, RecordAction } from '../common/api-controller';

const NOT_VISIBLE = 'no such referral, or not visible to you';
const NOT_GAIN = "not the GAIN co-ordinator of the referral's region";
const DECIDED = 'the referral is past its decision (the body names its state and your available actions)';

// As for every action on a record: visibility first (404), then the role through the pure rules (403).
@ApiController('partners', 'referrals')
export class PartnersController {
  constructor(private readonly commands: PartnerCommandsService) {}

  @Post(':id/partner-checks')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a partner-agency check (GAIN co-ordinator): agency, requested, HIT or NO_HIT, reference, date',
    description:
      'During triage and assessment, until the meeting decides. The gateway team sees the checks on the referral, ' +
      'the meeting on its agenda item.',
  })
  @ApiCreatedResponse({ type: ReferralStatusDto })
  @IDEMPOTENCY_KEY_HEADER
  @ActionRefusals({
    badRequest: 'invalid fields (each listed): a HIT without reference, answered before requested, future dates',
    forbidden: NOT_GAIN,
    notFound: NOT_VISIBLE,
    conflict: DECIDED,
  })
  recordCheck(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: PartnerCheckRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.commands.recordCheck(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/partner-disposal')
  @RecordAction(ReferralStatusDto, {
    summary: "Dispose of the referral to a partner agency with the partner's reference (GAIN co-ordinator)",
    description:
      'A GAIN disposal before a decision: the referral ends REFERRED_PARTNER, naming the agency and its reference.',
  })
  @ActionRefusals({
    badRequest: 'invalid fields (each listed)',
    forbidden: NOT_GAIN,
    notFound: NOT_VISIBLE,
    conflict: DECIDED,
  })
  @IDEMPOTENCY_KEY_HEADER
  dispose(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: PartnerDisposalRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.commands.dispose(user, id, body, correlationIdOf(req), key);
  }
}
