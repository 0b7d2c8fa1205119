import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsInstant } from '../common/is-instant.validator';

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

export class AuditQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) entityId?: string;
  @ApiPropertyOptional({ description: 'actor sub' }) @IsOptional() @IsString() @Length(1, 100) actor?: string;
  @ApiPropertyOptional({ example: 'REFERRAL_VIEWED' }) @IsOptional() @IsString() @Length(1, 100) action?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Transform(toInteger) @IsInt() @Min(1) page = 1;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(200) pageSize = 50;
}

export class AuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty() at!: string;
  @ApiProperty() actorSub!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorOrg!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty() entityType!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ enum: ['SUCCESS', 'DENIED', 'FAILED'] }) outcome!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) correlationId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) justification!: string | null;
  @ApiProperty() details!: object;
  @ApiProperty() hash!: string;
}

export class AuditListResponse {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AnomalyQuery {
  @ApiPropertyOptional({ default: 7, description: 'window in days, ending now' })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(366)
  days = 7;
}

export class AccessAnomalyDto {
  @ApiProperty() actorSub!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorOrg!: string | null;
  @ApiProperty() reads!: number;
  @ApiProperty() readsOutsideOwnWork!: number;
  @ApiProperty() refusals!: number;
  @ApiProperty() unjustifiedSensitiveReads!: number;
  @ApiProperty({ type: [String], enum: ['REPEATED_REFUSALS', 'BROAD_READING', 'UNJUSTIFIED_SENSITIVE_READS'] })
  flags!: string[];
}

export class AnomalyReportDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [AccessAnomalyDto] }) items!: AccessAnomalyDto[];
}

export class AuditVerificationDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() rows!: number;
  @ApiPropertyOptional() firstBreak?: { id: string; reason: string };
  @ApiPropertyOptional({ nullable: true, type: String, description: 'hash of the last row' }) head!: string | null;
}
