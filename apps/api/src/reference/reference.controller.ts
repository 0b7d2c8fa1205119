import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ScoringScheme } from '@rocu/domain';
import { CodeListResponse, OrganisationsResponse } from './reference.dto';
import { ReferenceService } from './reference.service';

@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('organisations')
  @ApiOkResponse({ type: OrganisationsResponse })
  organisations(): Promise<OrganisationsResponse> {
    return this.reference.organisations();
  }

  @Get('capabilities')
  @ApiOkResponse({ type: CodeListResponse })
  capabilities(): Promise<CodeListResponse> {
    return this.reference.capabilities();
  }

  @Get('crime-types')
  @ApiOkResponse({ type: CodeListResponse })
  crimeTypes(): Promise<CodeListResponse> {
    return this.reference.crimeTypes();
  }

  @Get('scoring-scheme')
  @ApiOkResponse({ description: 'the current scoring scheme: id, version, scales, weights, bands' })
  scoringScheme(): Promise<ScoringScheme> {
    return this.reference.scoringScheme();
  }
}
