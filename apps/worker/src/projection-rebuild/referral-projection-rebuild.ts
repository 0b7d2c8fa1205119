import type { Client, WorkflowHandle } from '@temporalio/client';
import type { DataSource, EntityManager } from 'typeorm';
import {
  REFERRAL_WORKFLOW_TYPE,
  referralIdFromWorkflowId,
  referralSnapshotQuery,
  referralWorkflowId,
  type DeadlineView,
  type ReferralSnapshot,
  type ReferralTransitionEvent,
  type SubmissionProjection,
} from '@rocu/contracts';
import {
  appendAudit,
  referralRebuildRepository as repository,
  upsertDeadlines,
  type RecordedHistoryRow,
} from '@rocu/persistence';
import { ReferralProjectionActivities } from '../activities/referral-projection.activities';
import { recordedReferralEvents } from './recorded-events';
import { referralRowState } from './referral-row';

export interface RebuildOutcome {
  referralId: string;
  /** The referral's row was missing and has been written again (under the reference the workflow gave it). */
  restored: boolean;
  /** Columns of the referral's row that differed from the workflow's state and were corrected. */
  correctedColumns: string[];
  /** History rows written again (missing or different) and removed (not in the workflow's history). */
  historyRowsWritten: number;
  historyRowsRemoved: number;
  /** Deadline rows written again (missing or different) and removed (a stage the workflow does not have). */
  deadlineRowsWritten: number;
  deadlineRowsRemoved: number;
}

/**
 * Rebuilds a referral's read projection (its `referrals` row, `referral_history` and `referral_deadlines`)
 * from its workflow, the source of truth for process state: the snapshot query gives the reference, status,
 * sequence and deadlines, and the workflow's event history the projection activities' inputs. A row that
 * is missing is written again, one that differs is corrected, and a rebuild that changed anything is audited.
 */
export class ReferralProjectionRebuild {
  private readonly activities: ReferralProjectionActivities;

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
  ) {
    this.activities = new ReferralProjectionActivities(dataSource);
  }

  /** The referral workflows on this deployment's task queue, from Temporal (a lost row is still found). */
  async *referralIds(taskQueue: string): AsyncIterable<string> {
    const query = `WorkflowType = '${REFERRAL_WORKFLOW_TYPE}' AND TaskQueue = '${taskQueue}'`;
    for await (const workflow of this.temporal.workflow.list({ query })) {
      yield referralIdFromWorkflowId(workflow.workflowId);
    }
  }

  async rebuild(referralId: string): Promise<RebuildOutcome> {
    const handle = this.temporal.workflow.getHandle(referralWorkflowId(referralId));
    const existing = await repository.referralExists(this.dataSource, referralId);
    if (!existing) {
      const [snapshot, history] = await Promise.all([referenced(handle), handle.fetchHistory()]);
      const { submission } = recordedReferralEvents(history);
      await this.activities.restoreSubmission(submission, snapshot.reference);
    }
    return this.dataSource.transaction(async (manager) => {
      // Locked before Temporal is read, so no projection of a later event commits in between and is undone.
      const before = await repository.lockReferral(manager, referralId);
      const [snapshot, history] = await Promise.all([referenced(handle), handle.fetchHistory()]);
      const { submission, transitions, inFlight } = recordedReferralEvents(history);
      const history_ = await rewriteHistory(manager, submission, transitions, inFlight);
      const after = await repository.updateReferral(
        manager,
        referralId,
        referralRowState(snapshot, submission, transitions),
      );
      const deadlines = await rewriteDeadlines(manager, referralId, snapshot.deadlines);
      const outcome: RebuildOutcome = {
        referralId,
        restored: !existing,
        correctedColumns: Object.keys(after).filter(
          (column) => JSON.stringify(after[column]) !== JSON.stringify(before.row[column]),
        ),
        historyRowsWritten: history_.written,
        historyRowsRemoved: history_.removed,
        deadlineRowsWritten: deadlines.written,
        deadlineRowsRemoved: deadlines.removed,
      };
      if (changedAnything(outcome)) {
        await appendAudit(manager, {
          actorSub: 'system:projection-rebuild',
          actorOrg: null,
          action: 'REFERRAL_PROJECTION_REBUILT',
          entityType: 'referral',
          entityId: referralId,
          outcome: 'SUCCESS',
          details: { ...outcome, workflowId: submission.workflowId, seq: snapshot.seq },
        });
      }
      return outcome;
    });
  }
}

/** The workflow's snapshot, once its submission has been projected (which gave it its reference). */
async function referenced(handle: WorkflowHandle): Promise<ReferralSnapshot> {
  const snapshot = await handle.query(referralSnapshotQuery);
  if (!snapshot.reference) {
    throw new Error('the submission is not projected yet: its own activity is still retrying; rebuild it later');
  }
  return snapshot;
}

function changedAnything(outcome: RebuildOutcome): boolean {
  return (
    outcome.restored ||
    outcome.correctedColumns.length > 0 ||
    outcome.historyRowsWritten +
      outcome.historyRowsRemoved +
      outcome.deadlineRowsWritten +
      outcome.deadlineRowsRemoved >
      0
  );
}

/**
 * Writes every recorded history row that is missing or differs, except those of projections still in flight
 * (their activity writes them), and removes rows the workflow never recorded.
 */
async function rewriteHistory(
  manager: EntityManager,
  submission: SubmissionProjection,
  transitions: readonly ReferralTransitionEvent[],
  inFlight: ReadonlySet<number>,
): Promise<{ written: number; removed: number }> {
  const rows: RecordedHistoryRow[] = [
    { seq: 0, from: null, to: 'SUBMITTED', action: 'SUBMIT', actor: submission.submittedBy, at: submission.at },
    ...transitions,
  ];
  const written = await repository.upsertHistory(
    manager,
    submission.referralId,
    rows.filter((row) => !inFlight.has(row.seq)),
  );
  const removed = await repository.removeHistoryExcept(
    manager,
    submission.referralId,
    rows.map((row) => row.seq),
  );
  return { written, removed };
}

/** Writes the workflow's deadlines (and next_deadline_at) and removes stages it does not have. */
async function rewriteDeadlines(
  manager: EntityManager,
  referralId: string,
  deadlines: DeadlineView[],
): Promise<{ written: number; removed: number }> {
  const stages = deadlines.map((deadline) => deadline.stage);
  const before = await repository.deadlineRowsOf(manager, referralId, stages);
  const removed = await repository.removeDeadlinesExcept(manager, referralId, stages);
  await upsertDeadlines(manager, referralId, deadlines, 'replace');
  const after = await repository.deadlineRows(manager, referralId);
  const unchanged = new Set(before);
  return { written: after.filter((row) => !unchanged.has(row)).length, removed };
}
