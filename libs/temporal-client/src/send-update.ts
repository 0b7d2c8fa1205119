import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition, WorkflowNotFoundError } from '@temporalio/common';
import { DomainError, isErrorCode } from '@rocu/domain';

export interface UpdateRequest<R, C> {
  workflowId: string;
  definition: UpdateDefinition<R, [C]>;
  command: C;
  /** Makes a repeated send (a retried activity, a repeated request) a no-op on the workflow. */
  updateId?: string;
  /** The refusal's message when the workflow has already ended. */
  endedMessage: string;
  /** Added to the refusal's details (e.g. the state the caller saw). */
  details?: Record<string, unknown>;
}

/**
 * Turns a workflow's refusal of an Update (an ApplicationFailure typed with an error code) into that
 * DomainError, and an ended workflow into NOT_ALLOWED_IN_STATE. Anything else (Temporal down, timeouts) is
 * not a refusal: undefined, for the caller to treat as a dependency failure.
 */
export function refusalFromUpdate(
  error: unknown,
  endedMessage: string,
  details: Record<string, unknown> = {},
): DomainError | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const { type, message } = error.cause;
    if (!isErrorCode(type)) return undefined;
    const [failureDetails] = (error.cause.details ?? []) as Record<string, unknown>[];
    return new DomainError(type, message, { ...details, ...failureDetails });
  }
  if (error instanceof WorkflowNotFoundError)
    return new DomainError('NOT_ALLOWED_IN_STATE', endedMessage, { ...details, allowedActions: [] });
  return undefined;
}

/** Sends an Update and waits for its result; a refusal throws as a DomainError (see refusalFromUpdate). */
export async function sendUpdate<R, C>(client: Client, request: UpdateRequest<R, C>): Promise<R> {
  try {
    return await client.workflow
      .getHandle(request.workflowId)
      .executeUpdate(request.definition, { args: [request.command], updateId: request.updateId });
  } catch (error) {
    throw refusalFromUpdate(error, request.endedMessage, request.details) ?? error;
  }
}
