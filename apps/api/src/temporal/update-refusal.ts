import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { DomainError } from '@rocu/domain';

/**
 * Turns a workflow's refusal of an Update into the domain error the problem filter maps (403, 409, 422...).
 * Anything else (Temporal down, timeouts) is left for the filter to treat as a dependency failure.
 */
export function refusalFromUpdate(
  error: unknown,
  endedMessage: string,
  details: Record<string, unknown> = {},
): DomainError | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type) {
    const [failureDetails] = (error.cause.details ?? []) as Record<string, unknown>[];
    return new DomainError(error.cause.type, error.cause.message, { ...details, ...failureDetails });
  }
  if (error instanceof WorkflowNotFoundError)
    return new DomainError('NOT_ALLOWED_IN_STATE', endedMessage, { ...details, allowedActions: [] });
  return undefined;
}
