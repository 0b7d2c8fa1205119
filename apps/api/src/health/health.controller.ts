import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth-metadata';
import { DatabaseHealthIndicator } from './database.health';
import { HealthReasons, HealthResponse, LivenessResponse } from './health.dto';
import { TemporalHealthIndicator } from './temporal.health';
import { ApiProblemResponses } from '../common/api-problems';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  /**
   * Liveness: answers whenever the process can serve at all, without touching Postgres or Temporal, so an
   * outage of either never gets a healthy API restarted; only a wedged process (no answer) fails it.
   */
  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (checks neither Postgres nor Temporal)' })
  @ApiOkResponse({ type: LivenessResponse })
  @ApiProblemResponses(429)
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  /**
   * Readiness: 503 while Postgres or Temporal is unreachable, naming which and why in `reasons` (the same
   * checks as `/health`).
   */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 503 naming Postgres or Temporal while either is unreachable' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  @ApiProblemResponses(429)
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    return this.check(res);
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness of the API and its dependencies (database, Temporal); 503 when one is down' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  @ApiProblemResponses(429)
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    let details: HealthIndicatorResult;
    try {
      details = (
        await this.health.check([() => this.database.check('database'), () => this.temporal.check('temporal')])
      ).details;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      details = (error.getResponse() as { details: HealthIndicatorResult }).details;
      res.status(503);
    }
    const keys = ['database', 'temporal'] as const;
    const status = (key: string): 'up' | 'down' => (details[key]?.status === 'up' ? 'up' : 'down');
    const checks = { database: status('database'), temporal: status('temporal') };
    const reasons: HealthReasons = {};
    for (const key of keys.filter((name) => checks[name] === 'down')) {
      reasons[key] = String(details[key]?.message ?? 'no answer');
    }
    return Object.keys(reasons).length === 0 ? { status: 'ok', checks } : { status: 'down', checks, reasons };
  }
}
