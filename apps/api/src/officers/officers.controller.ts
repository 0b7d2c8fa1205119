import { Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '../auth/auth-metadata';
import { CurrentUser, User } from '../auth/current-user';
import { correlationIdOf } from '../common/correlation-id';
import { ListOfficersQuery } from './list-officers.query';
import { OfficerListResponse } from './officer-views.dto';
import { OfficersService } from './officers.service';
import { ApiProblemResponses } from '../common/api-problems';
import { ApiController } from '../common/api-controller';

@ApiController('officers', 'officers')
export class OfficersController {
  constructor(private readonly officers: OfficersService) {}

  @Get()
  @ApiProblemResponses(400, 403)
  @Roles('ROCU_MANAGER')
  @ApiOperation({
    summary: "Candidates for a tasking in the caller's region, eligible and best matched first, with workloads",
  })
  @ApiOkResponse({ type: OfficerListResponse })
  list(
    @User() user: CurrentUser,
    @Query() query: ListOfficersQuery,
    @Req() req: Request,
  ): Promise<OfficerListResponse> {
    return this.officers.candidates(user, query, correlationIdOf(req));
  }
}
