import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '../auth/auth-metadata';
import { CurrentUser, User } from '../auth/current-user';
import { correlationIdOf } from '../common/correlation-id';
import { AnomalyQuery, AnomalyReportDto, AuditListResponse, AuditQuery, AuditVerificationDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('AUDITOR', 'NATIONAL_AUDITOR')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditListResponse })
  list(@User() user: CurrentUser, @Query() query: AuditQuery, @Req() req: Request): Promise<AuditListResponse> {
    return this.audit.list(user, query, correlationIdOf(req));
  }

  @Get('anomalies')
  @ApiOkResponse({ type: AnomalyReportDto })
  anomalies(@User() user: CurrentUser, @Query() query: AnomalyQuery): Promise<AnomalyReportDto> {
    return this.audit.anomalies(user, query);
  }

  @Get('verify')
  @ApiOkResponse({ type: AuditVerificationDto })
  verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
