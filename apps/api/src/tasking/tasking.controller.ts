import { Body, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CurrentUser, User } from '../auth/current-user';
import { correlationIdOf } from '../common/correlation-id';
import { referralIdPipe } from '../common/record-id.pipe';
import { ReferralStatusDto } from '../referrals/referral-views.dto';
import { TaskingCommandsService } from './tasking-commands.service';
import {
  AllocateSioRequest,
  AllocationResultDto,
  CloseReferralRequest,
  NameLroRequest,
  ReallocateSioRequest,
  ReplaceLroRequest,
} from './tasking-requests.dto';
import { ApiProblemResponses } from '../common/api-problems';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/idempotency';
import { ApiController, RecordAction } from '../common/api-controller';

// As for every action on a record: visibility first (404), then the role through the pure rules (403).
@ApiController('tasking', 'referrals')
export class TaskingController {
  constructor(private readonly commands: TaskingCommandsService) {}

  @Post(':id/sio')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  @RecordAction(AllocationResultDto, {
    summary:
      'Allocate the SIO (ROCU manager). A declared conflict is recorded, blocks the officer for this referral and answers 422.',
  })
  allocateSio(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: AllocateSioRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AllocationResultDto> {
    return this.commands.allocateSio(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/lro')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  @RecordAction(ReferralStatusDto, {
    summary: "Name the force's LRO (the referring organisation); with the SIO in place the plan starts",
  })
  nameLro(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: NameLroRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.commands.nameLro(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/sio/reallocation')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  @RecordAction(AllocationResultDto, {
    summary: 'Reallocate the SIO (ROCU manager), with a reason: the plan moves to the new SIO',
    description:
      'The new SIO is checked as at allocation (region, conflict, vetting; specialism or capacity need an ' +
      'exceptionJustification). The previous SIO keeps read access to the tasking; the plan lists who owned it when.',
  })
  reallocateSio(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: ReallocateSioRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AllocationResultDto> {
    return this.commands.reallocateSio(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/lro/replacement')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  @RecordAction(ReferralStatusDto, {
    summary: 'Replace the LRO of an active tasking (the referring organisation), with a reason: the plan moves too',
    description: 'The previous LRO keeps read access to the tasking; the plan lists who owned it when.',
  })
  replaceLro(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: ReplaceLroRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.commands.replaceLro(user, id, body, correlationIdOf(req), key);
  }

  @Post(':id/close')
  @ApiProblemResponses(400, 403, 404, 409, 422)
  @IDEMPOTENCY_KEY_HEADER
  @RecordAction(ReferralStatusDto, {
    summary: 'Close the tasking (ROCU manager): the plan turns read-only and a re-assessment is prompted',
  })
  close(
    @User() user: CurrentUser,
    @Param('id', referralIdPipe) id: string,
    @Body() body: CloseReferralRequest,
    @Req() req: Request,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReferralStatusDto> {
    return this.commands.close(user, id, body, correlationIdOf(req), key);
  }
}
