import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import { PARTNER_CHECK_RESULTS, PartnerCheckResult } from '@rocu/domain';
import { IsKnownCode } from '../common/known-code.validator';
import { Text } from '../common/text.validator';
import { Omittable } from '../common/omittable.validator';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A partner-agency check recorded by the GAIN co-ordinator (domain.md section 2). */
export class PartnerCheckRequest {
  @ApiProperty({
    example: 'HMRC',
    description: 'the partner agency checked (an agency code of /reference/organisations)',
  })
  @IsKnownCode('AGENCY')
  agency!: string;

  @ApiProperty({ example: '2026-11-02', description: 'date the check was requested (YYYY-MM-DD)' })
  @Matches(ISO_DATE, { message: 'requestedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'requestedOn must be a calendar date' })
  requestedOn!: string;

  @ApiProperty({ enum: PARTNER_CHECK_RESULTS })
  @IsIn(PARTNER_CHECK_RESULTS)
  result!: PartnerCheckResult;

  @ApiPropertyOptional({ example: 'HMRC-CI-0042', description: "the partner's reference; required for a HIT" })
  @Omittable()
  @Text(100)
  reference?: string;

  @ApiProperty({ example: '2026-11-04', description: 'date the partner answered (YYYY-MM-DD), not before the request' })
  @Matches(ISO_DATE, { message: 'checkedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'checkedOn must be a calendar date' })
  checkedOn!: string;
}

/** A GAIN disposal: the referral goes to the partner agency that will take it, with that partner's reference. */
export class PartnerDisposalRequest {
  @ApiProperty({ example: 'HMRC' })
  @IsKnownCode('AGENCY')
  agency!: string;

  @ApiProperty({ example: 'HMRC-FIS-2026-117', description: "the partner's reference for the case" })
  @Text(100)
  reference!: string;

  @ApiProperty({ maxLength: 2000, description: 'why the partner is better placed' })
  @Text(2000)
  rationale!: string;
}
