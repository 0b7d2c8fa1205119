import { applyDecorators } from '@nestjs/common';
import { ApiProblemResponse } from './api-problems';

/** The problem+json refusals of an action on a record, documented once: 400, 403, 404 and 409. */
export function ActionRefusals(refusals: {
  badRequest: string;
  forbidden: string;
  notFound: string;
  conflict: string;
}): MethodDecorator {
  return applyDecorators(
    ApiProblemResponse(400, refusals.badRequest),
    ApiProblemResponse(403, refusals.forbidden),
    ApiProblemResponse(404, refusals.notFound),
    ApiProblemResponse(409, refusals.conflict),
  );
}
