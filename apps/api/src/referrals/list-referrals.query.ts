import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { REFERRAL_STATUSES, ReferralStatus, URGENCIES, Urgency } from '@rocu/domain';

/** Query strings are text: whole numbers are converted explicitly, anything else is left to fail validation. */
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

export const REFERRAL_SORTS = ['deadline', 'submittedAt', 'priority'] as const;
export type ReferralSort = (typeof REFERRAL_SORTS)[number];

export class ListReferralsQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;

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
