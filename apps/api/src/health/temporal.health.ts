import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { TemporalClientService } from '../temporal/temporal-client.provider';

type ServingStatus = Awaited<ReturnType<TemporalClientService['connection']['healthService']['check']>>['status'];
/** grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING */
const SERVING = 1 as ServingStatus;

@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly temporal: TemporalClientService,
  ) {}

  async check(key: string) {
    const check = this.indicator.check(key);
    try {
      await this.temporal.connection.ensureConnected();
      const { status } = await this.temporal.connection.withDeadline(Date.now() + 3_000, () =>
        this.temporal.connection.healthService.check({}),
      );
      return status === SERVING ? check.up() : check.down({ message: 'Temporal is not serving' });
    } catch {
      return check.down({ message: 'Temporal is unreachable' });
    }
  }
}
