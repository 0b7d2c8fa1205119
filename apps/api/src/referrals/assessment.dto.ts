import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
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
import { NationalPriorityCode } from '../common/national-priority-code.validator';
import { Text } from '../common/text.validator';
import { NestedObject } from '../common/nested-body';

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

/** domain.md section 4: every element of the assessment carries a short rationale (issue #12). */
const rationaleText = (): PropertyDecorator => applyDecorators(ApiProperty({ maxLength: 2000 }), Text(2000));

export class RationaleDto {
  @rationaleText() harm!: string;
  @rationaleText() likelihood!: string;
  @rationaleText() route!: string;
  @rationaleText() geographicScope!: string;
  @rationaleText() victimVulnerability!: string;
  @rationaleText() confidence!: string;
  @rationaleText() organisationalPosition!: string;
}

export class AssessmentRequest {
  @NestedObject(HarmDto)
  harm!: HarmDto;

  @ApiProperty({ enum: GEOGRAPHIC_SCOPES }) @IsIn(GEOGRAPHIC_SCOPES) geographicScope!: GeographicScope;

  @ApiProperty({ enum: VICTIM_VULNERABILITIES })
  @IsIn(VICTIM_VULNERABILITIES)
  victimVulnerability!: VictimVulnerability;

  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) likelihood!: number;

  @ApiProperty({ enum: CONFIDENCE_LEVELS }) @IsIn(CONFIDENCE_LEVELS) confidence!: Confidence;

  @NestedObject(OrganisationalPositionDto)
  organisationalPosition!: OrganisationalPositionDto;

  @ApiProperty({ enum: ROUTES }) @IsIn(ROUTES) route!: Route;

  @NationalPriorityCode(
    'the national priority the work is aligned to, if any (an active one of GET /national/priorities): the ' +
      'referral is flagged with it on every agenda and counted against it in the national report',
    { optional: true },
  )
  nationalPriority?: string;

  @NestedObject(RationaleDto)
  rationale!: RationaleDto;
}
