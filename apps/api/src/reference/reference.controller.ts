import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { ScoringScheme } from '@rocu/domain';
import { CodeListResponse, OrganisationsResponse } from './reference.dto';
import { ReferenceService } from './reference.service';
import { ApiController } from '../common/api-controller';

@ApiController('reference', 'reference')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('organisations')
  @ApiOperation({ summary: 'Forces, ROCUs and national agencies, with their regions' })
  @ApiOkResponse({ type: OrganisationsResponse })
  organisations(): Promise<OrganisationsResponse> {
    return this.reference.organisations();
  }

  @Get('capabilities')
  @ApiOperation({ summary: 'ROCU capability codes' })
  @ApiOkResponse({ type: CodeListResponse })
  capabilities(): Promise<CodeListResponse> {
    return this.reference.capabilities();
  }

  @Get('crime-types')
  @ApiOperation({ summary: 'Crime type codes' })
  @ApiOkResponse({ type: CodeListResponse })
  crimeTypes(): Promise<CodeListResponse> {
    return this.reference.crimeTypes();
  }

  @Get('scoring-scheme')
  @ApiOperation({ summary: 'The current risk scoring scheme: scales, weights and bands' })
  @ApiOkResponse({ description: 'the current scoring scheme: id, version, scales, weights, bands' })
  scoringScheme(): Promise<ScoringScheme> {
    return this.reference.scoringScheme();
  }
}
