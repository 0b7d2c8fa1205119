import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { NATIONAL_PRIORITY_CODE } from '@rocu/domain';

/**
 * A national priority's code (issue 16), by its form only: whether it names an active priority is reference data,
 * checked by the service (a 400 naming the field).
 */
export const NationalPriorityCode =
  (description: string, { optional = false } = {}): PropertyDecorator =>
  (target, key) => {
    const property = { example: 'COUNTY_LINES', pattern: NATIONAL_PRIORITY_CODE.source, description };
    (optional ? ApiPropertyOptional(property) : ApiProperty(property))(target, key);
    if (optional) IsOptional()(target, key);
    Matches(NATIONAL_PRIORITY_CODE, { message: '$property must be upper-case letters, digits and _ (2-40)' })(
      target,
      key,
    );
  };
