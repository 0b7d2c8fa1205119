import { ApplicationFailure } from '@temporalio/common';
import { isDomainError } from '@rocu/domain';
import { UNPROJECTABLE_FAILURE } from '@rocu/contracts';

/** SQLSTATE classes no retry can cure: data exceptions (22) and integrity constraint violations (23). */
const PERMANENT_SQLSTATE = /^2[23][0-9A-Z]{3}$/;

function sqlState(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  return code ?? driverError?.code;
}

/**
 * Whether retrying cannot help: a constraint violation or bad data in Postgres, or a validation error of
 * the domain. Anything else (a lost connection, a timeout, a deadlock) may pass, so it stays retryable.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (isDomainError(error)) return true;
  const state = sqlState(error);
  return typeof state === 'string' && PERMANENT_SQLSTATE.test(state);
}

/** Runs a projection; a permanent failure becomes a non-retryable UNPROJECTABLE failure, so it never retries for ever. */
export async function failFastWhenPermanent<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isPermanentFailure(error)) throw error;
    throw ApplicationFailure.create({
      type: UNPROJECTABLE_FAILURE,
      message: error instanceof Error ? error.message : String(error),
      nonRetryable: true,
    });
  }
}
