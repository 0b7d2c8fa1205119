import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PipeTransform } from '@nestjs/common';
import { DomainError, NATIONAL_PRIORITY_CODE } from '@rocu/domain';
import { Omittable } from './omittable.validator';

/**
 * A national priority's code (issue 16), by its form only: whether it names an active priority is reference data,
 * checked by the service (a 400 naming the field).
 */
export const NationalPriorityCode =
  (description: string, { optional = false } = {}): PropertyDecorator =>
  (target, key) => {
    const property = { example: 'COUNTY_LINES', pattern: NATIONAL_PRIORITY_CODE.source, description };
    (optional ? ApiPropertyOptional(property) : ApiProperty(property))(target, key);
    if (optional) Omittable()(target, key);
    Matches(NATIONAL_PRIORITY_CODE, { message: '$property must be upper-case letters, digits and _ (2-40)' })(
      target,
      key,
    );
  };

/** A code in a path: one not of a priority's form names no priority (404), and never reaches the database. */
export const priorityCodePipe: PipeTransform<string, string> = {
  transform: (code) => {
    if (!NATIONAL_PRIORITY_CODE.test(code)) throw new DomainError('NOT_FOUND', 'No such national priority');
    return code;
  },
};
