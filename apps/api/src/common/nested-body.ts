import { applyDecorators } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Type as TransformTo } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, ValidateNested } from 'class-validator';

// Both list their decorators bottom first, the order a stack of them takes effect in, so that a bad field's
// validation answer (its constraints and their order) is the same as with the stack written out.

/** A nested object in a request body: documented as `type`, required to be an object, validated field by field. */
export function NestedObject(type: Type<unknown>, property: ApiPropertyOptions = {}): PropertyDecorator {
  return applyDecorators(
    TransformTo(() => type),
    ValidateNested(),
    IsObject(),
    ApiProperty({ type, ...property }),
  );
}

/** A list of nested objects in a request body: at most 100, each an object of `type`, each validated. */
export function NestedArray(type: Type<unknown>): PropertyDecorator {
  return applyDecorators(
    TransformTo(() => type),
    ValidateNested({ each: true }),
    IsObject({ each: true }),
    ArrayMaxSize(100),
    IsArray(),
    ApiProperty({ type: [type] }),
  );
}
