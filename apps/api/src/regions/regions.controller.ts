import { Body, Get, Param, Put, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '../auth/auth-metadata';
import { CurrentUser, User } from '../auth/current-user';
import { correlationIdOf } from '../common/correlation-id';
import { ChangeRegionSettingsRequest, RegionSettingsDto, RegionSettingsHistoryDto } from './region-settings.dto';
import { RegionSettingsService } from './region-settings.service';
import { ApiProblemResponses } from '../common/api-problems';
import { ApiController } from '../common/api-controller';

const REGION_STAFF = ['ROCU_MANAGER', 'GATEWAY_ASSESSOR', 'GAIN_COORDINATOR', 'TTCG_CHAIR'] as const;

@ApiController('regions', 'regions')
export class RegionsController {
  constructor(private readonly settings: RegionSettingsService) {}

  @Get(':region/settings')
  @ApiProblemResponses(403, 404)
  @Roles(...REGION_STAFF)
  @ApiOperation({ summary: "The region's current deadlines and meeting settings (the region's own ROCU staff)" })
  @ApiOkResponse({ type: RegionSettingsDto })
  read(@User() user: CurrentUser, @Param('region') region: string, @Req() req: Request): Promise<RegionSettingsDto> {
    return this.settings.read(user, region, correlationIdOf(req));
  }

  @Get(':region/settings/versions')
  @ApiProblemResponses(403, 404)
  @Roles(...REGION_STAFF)
  @ApiOperation({ summary: 'Every version of the region settings, newest first, with who changed them and why' })
  @ApiOkResponse({ type: RegionSettingsHistoryDto })
  async versions(
    @User() user: CurrentUser,
    @Param('region') region: string,
    @Req() req: Request,
  ): Promise<RegionSettingsHistoryDto> {
    return { region, versions: await this.settings.history(user, region, correlationIdOf(req)) };
  }

  @Put(':region/settings')
  @ApiProblemResponses(400, 403, 404, 409)
  @Roles('ROCU_MANAGER')
  @ApiOperation({
    summary:
      'Replace the region settings (ROCU manager of the region): a new version, audited, used by referrals and ' +
      'meetings created from now on; running ones keep the version they started with',
  })
  @ApiOkResponse({ type: RegionSettingsDto })
  change(
    @User() user: CurrentUser,
    @Param('region') region: string,
    @Body() body: ChangeRegionSettingsRequest,
    @Req() req: Request,
  ): Promise<RegionSettingsDto> {
    return this.settings.change(user, region, body, correlationIdOf(req));
  }
}
