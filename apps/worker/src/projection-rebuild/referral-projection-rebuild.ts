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
import { appendAudit, upsertDeadlines } from '@rocu/persistence';
import { ReferralProjectionActivities } from '../activities/referral-projection.activities';
import { recordedReferralEvents } from './recorded-events';
import { referralRowState, type ReferralRowState } from './referral-row';

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
    const [existing] = await this.dataSource.query<unknown[]>(`SELECT 1 FROM referrals WHERE id = $1`, [referralId]);
    if (!existing) {
      const [snapshot, history] = await Promise.all([referenced(handle), handle.fetchHistory()]);
      const { submission } = recordedReferralEvents(history);
      await this.activities.restoreSubmission(submission, snapshot.reference);
    }
    return this.dataSource.transaction(async (manager) => {
      // Locked before Temporal is read, so no projection of a later event commits in between and is undone.
      const [before] = await manager.query<{ row: Record<string, unknown> }[]>(
        `SELECT to_jsonb(r) AS row FROM referrals r WHERE id = $1 FOR UPDATE`,
        [referralId],
      );
      const [snapshot, history] = await Promise.all([referenced(handle), handle.fetchHistory()]);
      const { submission, transitions } = recordedReferralEvents(history);
      const history_ = await rewriteHistory(manager, submission, transitions);
      const after = await writeRow(manager, referralId, referralRowState(snapshot, submission, transitions));
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

/** Writes every recorded history row that is missing or differs, and removes rows the workflow never recorded. */
async function rewriteHistory(
  manager: EntityManager,
  submission: SubmissionProjection,
  transitions: readonly ReferralTransitionEvent[],
): Promise<{ written: number; removed: number }> {
  const rows = [
    {
      seq: 0,
      from: null,
      to: 'SUBMITTED',
      action: 'SUBMIT',
      actor: submission.submittedBy,
      reason: undefined as string | undefined,
      at: submission.at,
    },
    ...transitions,
  ];
  const column = <T>(pick: (row: (typeof rows)[number]) => T): T[] => rows.map(pick);
  const written = await manager.query<unknown[]>(
    `INSERT INTO referral_history AS h (referral_id, seq, from_status, to_status, action, actor_sub, actor_name, actor_org, reason, at)
     SELECT $1::uuid, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::timestamptz[])
     ON CONFLICT (referral_id, seq) DO UPDATE SET from_status = EXCLUDED.from_status, to_status = EXCLUDED.to_status,
       action = EXCLUDED.action, actor_sub = EXCLUDED.actor_sub, actor_name = EXCLUDED.actor_name,
       actor_org = EXCLUDED.actor_org, reason = EXCLUDED.reason, at = EXCLUDED.at
     WHERE (h.from_status, h.to_status, h.action, h.actor_sub, h.actor_name, h.actor_org, h.reason, h.at)
       IS DISTINCT FROM (EXCLUDED.from_status, EXCLUDED.to_status, EXCLUDED.action, EXCLUDED.actor_sub,
         EXCLUDED.actor_name, EXCLUDED.actor_org, EXCLUDED.reason, EXCLUDED.at)
     RETURNING seq`,
    [
      submission.referralId,
      column((row) => row.seq),
      column((row) => row.from),
      column((row) => row.to),
      column((row) => row.action),
      column((row) => row.actor.sub),
      column((row) => row.actor.name),
      column((row) => row.actor.org),
      column((row) => row.reason ?? null),
      column((row) => row.at),
    ],
  );
  const [removed] = await manager.query<[unknown[], number]>(
    `DELETE FROM referral_history WHERE referral_id = $1 AND seq <> ALL($2::int[]) RETURNING seq`,
    [submission.referralId, column((row) => row.seq)],
  );
  return { written: written.length, removed: removed.length };
}

/** Sets the referral row's process columns; returns them as Postgres now holds them (for the comparison). */
async function writeRow(
  manager: EntityManager,
  referralId: string,
  state: ReferralRowState,
): Promise<Record<string, unknown>> {
  const columns = Object.keys(state) as (keyof ReferralRowState)[];
  const [[row]] = await manager.query<[{ row: Record<string, unknown> }[], number]>(
    `UPDATE referrals SET ${columns.map((column, index) => `${column} = $${index + 2}`).join(', ')}
      WHERE id = $1 RETURNING to_jsonb(referrals) AS row`,
    [referralId, ...columns.map((column) => state[column])],
  );
  return row.row;
}

/** Writes the workflow's deadlines (and next_deadline_at) and removes stages it does not have. */
async function rewriteDeadlines(
  manager: EntityManager,
  referralId: string,
  deadlines: DeadlineView[],
): Promise<{ written: number; removed: number }> {
  const stages = deadlines.map((deadline) => deadline.stage);
  const before = await manager.query<{ row: string }[]>(
    `SELECT to_jsonb(d)::text AS row FROM referral_deadlines d WHERE referral_id = $1 AND stage = ANY($2::text[])`,
    [referralId, stages],
  );
  const [removed] = await manager.query<[unknown[], number]>(
    `DELETE FROM referral_deadlines WHERE referral_id = $1 AND stage <> ALL($2::text[]) RETURNING stage`,
    [referralId, stages],
  );
  await upsertDeadlines(manager, referralId, deadlines);
  const after = await manager.query<{ row: string }[]>(
    `SELECT to_jsonb(d)::text AS row FROM referral_deadlines d WHERE referral_id = $1`,
    [referralId],
  );
  const unchanged = new Set(before.map((row) => row.row));
  return { written: after.filter((row) => !unchanged.has(row.row)).length, removed: removed.length };
}
