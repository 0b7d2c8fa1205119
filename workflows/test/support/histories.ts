import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/** Where recorded histories live; replay.test.ts replays every one of them. */
export const HISTORIES_DIR = join(__dirname, '..', 'histories');

/** Keeps the scenario's history for the replay test when RECORD_HISTORIES=1. */
export async function recordHistory(scenario: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(join(HISTORIES_DIR, `${scenario}.json`), historyToJSON(await handle.fetchHistory()));
}

/** Runs `action` and returns the ApplicationFailure the update was refused with. */
export async function refusal(action: () => Promise<unknown>): Promise<ApplicationFailure> {
  const error = await action().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}
