import { ApplicationFailure, condition, continueAsNew, sleep, type RetryPolicy } from '@temporalio/workflow';
import { DomainError } from '@rocu/domain';

/**
 * A domain error in workflow code must refuse the update: anything else thrown there fails the workflow
 * task, which Temporal retries for ever, freezing the workflow.
 */
export function refuseOnDomainError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DomainError) {
      throw ApplicationFailure.create({
        type: error.code,
        message: error.message,
        nonRetryable: true,
        details: [error.details ?? {}],
      });
    }
    throw error;
  }
}

/** Waits until `changed()` or the time comes; true when it changed first (or already had). */
export async function changesBefore(changed: () => boolean, at: Date): Promise<boolean> {
  const wait = at.getTime() - Date.now();
  return changed() || (wait > 0 ? condition(changed, wait) : false);
}

/** Projections must land eventually: retry without limit, backing off to once a minute while the database is down. */
export const UNTIL_PROJECTED: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
};

/** Rounds a standing workflow runs before it continues as new (keeps its history bounded). */
const STANDING_ROUNDS_PER_RUN = 500;

/**
 * A standing workflow's life (one per deployment, started by the worker): `round` again and again, waiting
 * `intervalMs` after each round that finished its work (one that left a backlog goes straight on).
 */
export async function everyInterval(input: { intervalMs: number }, round: () => Promise<boolean>): Promise<void> {
  for (let count = 0; count < STANDING_ROUNDS_PER_RUN; count++) {
    if (await round()) await sleep(input.intervalMs);
  }
  await continueAsNew(input);
}
