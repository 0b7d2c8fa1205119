import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../common/page.query';
import { IsRecordId } from '../common/record-id.validator';
import { OFFICER_ROLES, OfficerRole, SPECIALISMS, Specialism } from '@rocu/domain';

export class ListOfficersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OFFICER_ROLES, default: 'SIO' })
  @IsOptional()
  @IsIn(OFFICER_ROLES)
  role: OfficerRole = 'SIO';

  @ApiPropertyOptional({ description: "region (ROCU) code; default and only allowed value: the caller's region" })
  @IsOptional()
  @Matches(/^[A-Z_]{2,30}$/)
  region?: string;

  @ApiPropertyOptional({ enum: SPECIALISMS, description: 'only officers holding this specialism' })
  @IsOptional()
  @IsIn(SPECIALISMS)
  specialism?: Specialism;

  @ApiPropertyOptional({
    description: 'the referral to allocate: its needs (specialisms, vetting, cost) and its declared conflicts apply',
  })
  @IsOptional()
  @IsRecordId()
  referralId?: string;
}
