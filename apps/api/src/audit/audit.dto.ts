import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Length, Max, Min } from 'class-validator';
import { IsInstant } from '../common/is-instant.validator';
import { PageOf } from '../common/page.dto';

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

/** Record ids are stored lower-cased; other entity ids (a region's code) are kept as they are spelt. */
const uuidLowerCased = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && isUUID(value) ? value.toLowerCase() : value;

export class AuditQuery {
  @ApiPropertyOptional({ description: "a record's id (any case) or a region's code" })
  @IsOptional()
  @Transform(uuidLowerCased)
  @IsString()
  @Length(1, 100)
  entityId?: string;
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
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'chain hash; null until the sealer has chained the entry',
  })
  hash!: string | null;
}

export class AuditListResponse extends PageOf(AuditEntryDto) {}

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

export class AuditBreakDto {
  @ApiProperty({ description: 'the audit entry where verification first fails' }) id!: string;
  @ApiProperty({ enum: ['CONTENT_CHANGED', 'CHAIN_BROKEN', 'ROW_MISSING', 'SEAL_INVALID', 'NOT_SEALED'] })
  reason!: string;
}

export class UnsealedTailDto {
  @ApiProperty({ description: 'entries appended but not yet chained and signed by the sealer' }) rows!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) oldestAt!: string | null;
}

export class AuditVerificationDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() rows!: number;
  @ApiPropertyOptional({ type: AuditBreakDto }) firstBreak?: AuditBreakDto;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'head of the last seal: keep it elsewhere' })
  head!: string | null;
  @ApiProperty({ description: 'signed seals, one per batch the sealer chained' }) seals!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastSealedAt!: string | null;
  @ApiProperty({ type: UnsealedTailDto }) unsealed!: UnsealedTailDto;
}
