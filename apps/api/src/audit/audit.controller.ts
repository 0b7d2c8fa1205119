import { Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '../auth/auth-metadata';
import { CurrentUser, User } from '../auth/current-user';
import { correlationIdOf } from '../common/correlation-id';
import { AnomalyQuery, AnomalyReportDto, AuditListResponse, AuditQuery, AuditVerificationDto } from './audit.dto';
import { AuditService } from './audit.service';
import { ApiProblemResponses } from '../common/api-problems';
import { ApiController } from '../common/api-controller';

@ApiController('audit', 'audit')
@ApiProblemResponses(403)
@Roles('AUDITOR', 'NATIONAL_AUDITOR')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: "Audit entries in the caller's scope, filtered by entity, actor, action and time, a page at a time",
  })
  @ApiProblemResponses(400)
  @ApiOkResponse({ type: AuditListResponse })
  list(@User() user: CurrentUser, @Query() query: AuditQuery, @Req() req: Request): Promise<AuditListResponse> {
    return this.audit.list(user, query, correlationIdOf(req));
  }

  @Get('anomalies')
  @ApiOperation({
    summary:
      "Access anomalies per actor in the caller's scope: reads outside own work, refusals, unjustified sensitive reads",
  })
  @ApiProblemResponses(400)
  @ApiOkResponse({ type: AnomalyReportDto })
  anomalies(@User() user: CurrentUser, @Query() query: AnomalyQuery, @Req() req: Request): Promise<AnomalyReportDto> {
    return this.audit.anomalies(user, query, correlationIdOf(req));
  }

  @Get('verify')
  @ApiOperation({ summary: "Verify the audit trail's hash chain end to end" })
  @ApiOkResponse({ type: AuditVerificationDto })
  verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
