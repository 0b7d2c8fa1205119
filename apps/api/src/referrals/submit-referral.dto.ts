import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, ValidateIf } from 'class-validator';
import { URGENCIES, Urgency } from '@rocu/domain';
import type { Classification, NominalRole, SubjectType } from '@rocu/contracts';
import { IsKnownCode } from '../common/known-code.validator';
import { Text } from '../common/text.validator';
import { NestedArray, NestedObject } from '../common/nested-body';
import { Omittable } from '../common/omittable.validator';

const SUBJECT_TYPES: SubjectType[] = ['OCG', 'PRIORITY_INDIVIDUAL', 'VULNERABILITY', 'OPERATION'];
const NOMINAL_ROLES: NominalRole[] = ['PRINCIPAL', 'ASSOCIATE'];
const CLASSIFICATIONS: Classification[] = ['OFFICIAL', 'OFFICIAL-SENSITIVE'];

export class NominalDto {
  @ApiProperty({
    example: 'PND-123456',
    description: 'PNC/PND or pseudonymous identifier (trimmed: de-confliction matches it)',
  })
  @Text(100)
  identifier!: string;

  @ApiProperty({ enum: NOMINAL_ROLES })
  @IsIn(NOMINAL_ROLES)
  role!: NominalRole;
}

export class SubjectDto {
  @ApiProperty({ enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES)
  type!: SubjectType;

  @ApiProperty({ example: 'Operation Kestrel' })
  @Text(200)
  name!: string;

  @ApiPropertyOptional({ description: 'an existing subject reference (e.g. an OCGM number)' })
  @Omittable()
  @Text(100)
  existingRef?: string;

  @NestedArray(NominalDto)
  nominals!: NominalDto[];
}

export class GradingDto {
  @ApiProperty({ enum: ['1', '2', '3'], description: '1 reliable, 2 untested, 3 not reliable' })
  @IsIn(['1', '2', '3'])
  source!: '1' | '2' | '3';

  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'] })
  @IsIn(['A', 'B', 'C', 'D', 'E'])
  information!: 'A' | 'B' | 'C' | 'D' | 'E';

  @ApiProperty({ enum: ['P', 'C'], description: 'P sharing permitted; C permitted with conditions' })
  @IsIn(['P', 'C'])
  handling!: 'P' | 'C';
}

export class IntelligenceItemDto {
  @ApiProperty({ example: 'IR-123' })
  @Text(100)
  reference!: string;

  @NestedObject(GradingDto)
  grading!: GradingDto;

  @ApiPropertyOptional({ description: 'required when handling is C' })
  @ValidateIf((item: IntelligenceItemDto) => item.grading?.handling === 'C' || item.conditions !== undefined)
  @Text(2000)
  conditions?: string;
}

export class SubmitReferralRequest {
  @NestedObject(SubjectDto)
  subject!: SubjectDto;

  @ApiProperty({ type: [String], example: ['ILLEGAL_DRUGS'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsKnownCode('CRIME_TYPE', { each: true })
  crimeTypes!: string[];

  @ApiProperty({ type: [String], example: ['WYP', 'SYP'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsKnownCode('FORCE', { each: true })
  forcesAffected!: string[];

  @ApiPropertyOptional({
    example: 'YHROCU',
    description:
      'partner agencies only (NCA, HMRC, Border Force, Immigration Enforcement): the region whose gateway takes the ' +
      "referral; without it, the ROCU of the first force affected that has one. A force's referral never names it (400).",
  })
  @Omittable()
  @IsKnownCode('ROCU_REGION')
  region?: string;

  @ApiProperty({ type: [String], example: ['COVERT_SURVEILLANCE'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsKnownCode('CAPABILITY', { each: true })
  requestedCapabilities!: string[];

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency!: Urgency;

  @ApiProperty()
  @IsBoolean()
  threatToLife!: boolean;

  @ApiProperty({ maxLength: 4000, description: 'sanitised threat, risk and harm summary' })
  @Text(4000)
  summary!: string;

  @ApiProperty({ enum: CLASSIFICATIONS })
  @IsIn(CLASSIFICATIONS)
  classification!: Classification;

  @NestedArray(IntelligenceItemDto)
  intelligence!: IntelligenceItemDto[];
}
