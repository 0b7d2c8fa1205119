import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { testEnvironment } from '../../test/support/test-environment';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';

/**
 * Replays every recorded history (workflows/test/histories/*.json, written by the workflow tests with
 * RECORD_HISTORIES=1) against the current workflow bundle: a non-deterministic
 * change to workflow code fails here.
 */
const HISTORIES_DIR = join(__dirname, 'histories');

const historyFiles = (): string[] =>
  existsSync(HISTORIES_DIR)
    ? readdirSync(HISTORIES_DIR)
        .filter((name) => name.endsWith('.json'))
        .sort()
    : [];

const readHistory = (file: string) => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));

/** The workflow type a history was started as (from its first event). */
const workflowTypeOf = (file: string): string | undefined =>
  readHistory(file).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? undefined;

describe('workflow replay', () => {
  it('has recorded histories to replay, for every workflow type', () => {
    expect(historyFiles().length).toBeGreaterThan(0);
    expect([...new Set(historyFiles().map(workflowTypeOf))].sort()).toEqual([
      'auditSealerWorkflow',
      'idempotencyRetentionWorkflow',
      'meetingScheduleWorkflow',
      'meetingWorkflow',
      'notificationDeliveryWorkflow',
      'notificationDispatchWorkflow',
      'planWorkflow',
      'referralWorkflow',
    ]);
  });

  it('replays every recorded history deterministically with the current bundle', async () => {
    const files = historyFiles();
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((file) => ({
      // Histories do not carry the workflow id; the workflow only passes it to activities, which replay never runs.
      workflowId: `replay-${basename(file, '.json')}`,
      history: readHistory(file),
    }));
    const outcomes: { workflowId: string; error: string | undefined }[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: testEnvironment().workflowBundlePath } },
      histories,
    )) {
      outcomes.push({
        workflowId: result.workflowId,
        error: result.error === undefined ? undefined : `${result.error.name}: ${result.error.message}`,
      });
    }
    expect(outcomes).toEqual(histories.map((history) => ({ workflowId: history.workflowId, error: undefined })));
  });

  it('would catch a divergence: a history whose first activity was something else fails to replay', async () => {
    const file = historyFiles().find((name) => workflowTypeOf(name) === 'referralWorkflow');
    expect(file).toBeDefined();
    const history = readHistory(file ?? '');
    const scheduled = history.events?.find((event) => event.activityTaskScheduledEventAttributes?.activityType != null);
    const activityType = scheduled?.activityTaskScheduledEventAttributes?.activityType;
    expect(activityType?.name).toBe('projectSubmission');
    if (activityType) activityType.name = 'somethingElse';

    const replay = Worker.runReplayHistory(
      { workflowBundle: { codePath: testEnvironment().workflowBundlePath } },
      history,
      'replay-tampered',
    );
    await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
