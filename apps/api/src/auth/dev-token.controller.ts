import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './auth-metadata';
import { DevTokenRequest, DevTokenResponse } from './dev-token.dto';
import { DevTokenService } from './dev-token.service';
import { ApiProblemResponses } from '../common/api-problems';

@ApiTags('auth')
@Controller('auth')
export class DevTokenController {
  constructor(private readonly devTokens: DevTokenService) {}

  @Public()
  @Post('dev-token')
  @ApiOkResponse({ type: DevTokenResponse })
  @ApiProblemResponses(400, 404, 429)
  @HttpCode(200)
  @ApiOperation({ summary: 'Local development only (AUTH_MODE=dev): mint a signed token for any user' })
  issue(@Body() body: DevTokenRequest): Promise<DevTokenResponse> {
    return this.devTokens.issue(body);
  }
}
