import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthChecks {
  @ApiProperty({ enum: ['up', 'down'] }) database!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) temporal!: 'up' | 'down';
}

/** Why each dependency that is down is down, in words (never the error's own text). */
export class HealthReasons {
  @ApiPropertyOptional({ example: 'connection refused (Postgres is not running or not listening)' }) database?: string;
  @ApiPropertyOptional({ example: 'Temporal is unreachable' }) temporal?: string;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'down'] }) status!: 'ok' | 'down';
  @ApiProperty({ type: HealthChecks }) checks!: HealthChecks;
  @ApiPropertyOptional({ type: HealthReasons, description: 'Present when a check is down' }) reasons?: HealthReasons;
}

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}
