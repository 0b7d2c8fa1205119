import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsString, Length, ValidateIf, ValidateNested } from 'class-validator';
import { Text } from '../common/text.validator';

export class ConflictDeclarationDto {
  @ApiProperty({ description: 'true blocks this officer for this referral (recorded and audited)' })
  @IsBoolean()
  hasConflict!: boolean;

  @ApiPropertyOptional({ description: 'required when hasConflict is true', maxLength: 4000 })
  @ValidateIf(
    (declaration: ConflictDeclarationDto) => declaration.hasConflict === true || declaration.details !== undefined,
  )
  @Text(4000)
  details?: string;
}

export class AllocateSioRequest {
  @ApiProperty({ description: 'an SIO from GET /officers', example: 'sio-yhrocu-1' })
  @IsString()
  @Length(1, 100)
  officerSub!: string;

  @ApiProperty({ description: 'why this officer (specialism, workload, continuity)', maxLength: 4000 })
  @Text(4000)
  justification!: string;

  @ApiProperty({ type: ConflictDeclarationDto, description: "the chosen SIO's own declaration" })
  @IsObject()
  @ValidateNested()
  @Type(() => ConflictDeclarationDto)
  conflictDeclaration!: ConflictDeclarationDto;
}

export class NameLroRequest {
  @ApiProperty({ example: 'lro-wyp' })
  @IsString()
  @Length(1, 100)
  officerSub!: string;

  @ApiProperty({ example: 'DI Clarke' })
  @Text(200)
  name!: string;
}

export class CloseReferralRequest {
  @ApiProperty({ description: 'the outcome summary', maxLength: 4000 })
  @Text(4000)
  outcome!: string;
}

export class AllocationResultDto {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() status!: string;
  @ApiProperty() sio!: { sub: string; name: string };
}
