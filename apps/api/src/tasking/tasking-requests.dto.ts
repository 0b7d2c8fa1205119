import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, ValidateIf } from 'class-validator';
import { Text } from '../common/text.validator';
import { NestedObject } from '../common/nested-body';
import { Omittable } from '../common/omittable.validator';

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

  @ApiPropertyOptional({
    description:
      'required (422 without it) when the officer holds none of the specialisms the tasking needs or would be ' +
      'taken past their capacity: why this officer all the same; recorded with the allocation and audited',
    maxLength: 4000,
  })
  @Omittable()
  @Text(4000)
  exceptionJustification?: string;

  @NestedObject(ConflictDeclarationDto, { description: "the chosen SIO's own declaration" })
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

const replacementReason = () =>
  ApiProperty({ description: 'why the owner changes; kept in the referral and plan history', maxLength: 2000 });

export class ReallocateSioRequest extends AllocateSioRequest {
  @replacementReason()
  @Text(2000)
  reason!: string;
}

export class ReplaceLroRequest extends NameLroRequest {
  @replacementReason()
  @Text(2000)
  reason!: string;
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
