import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import {
  CONFIDENCE_LEVELS,
  Confidence,
  GEOGRAPHIC_SCOPES,
  GeographicScope,
  HARM_GRADES,
  HarmGrade,
  ROUTES,
  Route,
  VICTIM_VULNERABILITIES,
  VictimVulnerability,
} from '@rocu/domain';

export class HarmDto {
  @ApiProperty({ enum: HARM_GRADES }) @IsIn(HARM_GRADES) physical!: HarmGrade;
  @ApiProperty({ enum: HARM_GRADES }) @IsIn(HARM_GRADES) psychological!: HarmGrade;
  @ApiProperty({ enum: HARM_GRADES }) @IsIn(HARM_GRADES) financial!: HarmGrade;
  @ApiProperty({ enum: HARM_GRADES }) @IsIn(HARM_GRADES) community!: HarmGrade;
  @ApiProperty({ enum: HARM_GRADES }) @IsIn(HARM_GRADES) environmental!: HarmGrade;
}

const positionFactor = (): PropertyDecorator => (target, key) => {
  ApiProperty({ minimum: 1, maximum: 4, description: '1 least, 4 most favourable to intervention' })(target, key);
  IsInt()(target, key);
  Min(1)(target, key);
  Max(4)(target, key);
};

export class OrganisationalPositionDto {
  @positionFactor() opportunity!: number;
  @positionFactor() capacity!: number;
  @positionFactor() capability!: number;
  @positionFactor() organisationalRisk!: number;
}

const rationaleText =
  (required: boolean): PropertyDecorator =>
  (target, key) => {
    (required ? ApiProperty : ApiPropertyOptional)({ maxLength: 2000 })(target, key);
    if (!required) IsOptional()(target, key);
    IsString()(target, key);
    Length(1, 2000)(target, key);
  };

export class RationaleDto {
  @rationaleText(true) harm!: string;
  @rationaleText(true) likelihood!: string;
  @rationaleText(true) route!: string;
  @rationaleText(false) geographicScope?: string;
  @rationaleText(false) victimVulnerability?: string;
  @rationaleText(false) confidence?: string;
  @rationaleText(false) organisationalPosition?: string;
}

export class AssessmentRequest {
  @ApiProperty({ type: HarmDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HarmDto)
  harm!: HarmDto;

  @ApiProperty({ enum: GEOGRAPHIC_SCOPES }) @IsIn(GEOGRAPHIC_SCOPES) geographicScope!: GeographicScope;

  @ApiProperty({ enum: VICTIM_VULNERABILITIES })
  @IsIn(VICTIM_VULNERABILITIES)
  victimVulnerability!: VictimVulnerability;

  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) likelihood!: number;

  @ApiProperty({ enum: CONFIDENCE_LEVELS }) @IsIn(CONFIDENCE_LEVELS) confidence!: Confidence;

  @ApiProperty({ type: OrganisationalPositionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OrganisationalPositionDto)
  organisationalPosition!: OrganisationalPositionDto;

  @ApiProperty({ enum: ROUTES }) @IsIn(ROUTES) route!: Route;

  @ApiProperty({ type: RationaleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RationaleDto)
  rationale!: RationaleDto;
}
