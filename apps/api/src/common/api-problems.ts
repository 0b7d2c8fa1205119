import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

export class FieldErrorDto {
  @ApiProperty({ example: 'urgency', description: 'the bad field (a dotted path into the body, or a header name)' })
  field!: string;

  @ApiProperty({ example: 'isEnum' })
  code!: string;

  @ApiProperty({ example: 'urgency must be one of IMMEDIATE, HIGH, STANDARD' })
  message!: string;
}

/** The one error shape (RFC 9457), as the problem details filter writes it. */
export class ProblemDto {
  @ApiProperty({ example: 'https://rocu-gateway.police.uk/problems/not-found' })
  type!: string;

  @ApiProperty({ example: 'Not found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiProperty({ example: 'No such referral' })
  detail!: string;

  @ApiProperty({ description: 'quote it when reporting a problem; also sent as the X-Correlation-Id header' })
  correlationId!: string;

  @ApiPropertyOptional({ description: 'the domain error code, on refusals of a domain rule', example: 'NOT_FOUND' })
  code?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'every bad field, on a 400' })
  errors?: FieldErrorDto[];
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503;

const MEANING: Record<ProblemStatus, string> = {
  400: 'Invalid request: `errors` names every bad field; nothing was saved',
  401: 'No valid bearer token',
  403: 'The caller may see the record but their role may not do this',
  404: 'No such record, or one the caller may not see',
  409: 'Not allowed in the current state, or a stale version',
  422: 'Refused by a business rule; `code` says which',
  429: 'Too many requests; retry after the Retry-After seconds',
  503: 'A dependency (database, Temporal) is unavailable; retry shortly',
};

const PROBLEM_SCHEMA = { $ref: getSchemaPath(ProblemDto) };

function problemResponse(status: ProblemStatus, description = MEANING[status]): MethodDecorator & ClassDecorator {
  const schema = status === 400 ? { allOf: [PROBLEM_SCHEMA, { required: ['errors'] }] } : PROBLEM_SCHEMA;
  return ApiResponse({
    status,
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema } },
    ...(status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'seconds' } } } : {}),
  });
}

/**
 * Documents the application/problem+json answers an operation (or every operation of a controller) can give,
 * all from the one ProblemDto schema: `@ApiProblemResponses(400, 404, 409)`.
 */
export function ApiProblemResponses(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((status) => problemResponse(status)),
  );
}

/** One problem+json answer, in the operation's own words of when it is given; the same ProblemDto schema. */
export function ApiProblemResponse(status: ProblemStatus, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiExtraModels(ProblemDto, FieldErrorDto), problemResponse(status, description));
}
