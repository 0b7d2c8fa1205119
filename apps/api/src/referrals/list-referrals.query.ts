import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/page.query';
import { REFERRAL_STATUSES, ReferralStatus, URGENCIES, Urgency } from '@rocu/domain';

export const REFERRAL_SORTS = ['deadline', 'submittedAt', 'priority'] as const;
export type ReferralSort = (typeof REFERRAL_SORTS)[number];

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @IsOptional() @IsIn(REFERRAL_STATUSES) status?: ReferralStatus;
  @ApiPropertyOptional({ enum: URGENCIES }) @IsOptional() @IsIn(URGENCIES) urgency?: Urgency;

  @ApiPropertyOptional({ description: 'owning organisation code' })
  @IsOptional()
  @Matches(/^[A-Z_]{2,30}$/)
  org?: string;

  @ApiPropertyOptional({ description: 'region (ROCU) code' })
  @IsOptional()
  @Matches(/^[A-Z_]{2,30}$/)
  region?: string;

  @ApiPropertyOptional({ description: 'text in the reference or subject name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: REFERRAL_SORTS, default: 'deadline' })
  @IsOptional()
  @IsIn(REFERRAL_SORTS)
  sort: ReferralSort = 'deadline';
}
