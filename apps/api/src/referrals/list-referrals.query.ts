import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/page.query';
import { REFERRAL_STATUSES, ReferralStatus, URGENCIES, Urgency } from '@rocu/domain';
import { REFERRAL_SORTS, ReferralSort } from '@rocu/persistence';

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: `one status, or several comma-separated (e.g. SUBMITTED,TRIAGE): ${REFERRAL_STATUSES.join(', ')}`,
    type: String,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @IsIn(REFERRAL_STATUSES, { each: true })
  status?: ReferralStatus[];
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
