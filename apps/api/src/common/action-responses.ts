import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse } from '@nestjs/swagger';

/** The problem+json refusals of an action on a record, documented once: 400, 403, 404 and 409. */
export function ActionRefusals(refusals: {
  badRequest: string;
  forbidden: string;
  notFound: string;
  conflict: string;
}): MethodDecorator {
  return applyDecorators(
    ApiBadRequestResponse({ description: refusals.badRequest }),
    ApiForbiddenResponse({ description: refusals.forbidden }),
    ApiNotFoundResponse({ description: refusals.notFound }),
    ApiConflictResponse({ description: refusals.conflict }),
  );
}
