import { applyDecorators, Controller, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiOperationOptions, ApiTags } from '@nestjs/swagger';
import type { Type } from '@nestjs/common';
import { ApiProblemResponses } from './api-problems';

/**
 * A controller behind the bearer token: its OpenAPI tag, the bearer scheme, and the refusals any of its routes
 * can give (401, 429, 503); `path` as for Nest's @Controller.
 */
export function ApiController(tag: string, path?: string): ClassDecorator {
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ApiProblemResponses(401, 429, 503),
    path === undefined ? Controller() : Controller(path),
  );
}

/**
 * A POST that acts on an existing record and answers 200 (Nest's default for POST is 201): the 200 body is `ok`
 * (a DTO class, or a description where the body has no DTO), the operation documented by `operation`.
 */
export function RecordAction(ok: Type<unknown> | string, operation: ApiOperationOptions): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    ApiOperation(operation),
    ApiOkResponse(typeof ok === 'string' ? { description: ok } : { type: ok }),
  );
}
