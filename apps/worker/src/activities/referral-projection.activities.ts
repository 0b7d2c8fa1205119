import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  ConflictRecord,
  DeadlineNotification,
  NationalResponseNotification,
  ReferralActivities,
  ReferralTransitionEvent,
  SubmissionProjection,
} from '@rocu/contracts';
import { deadlineRecipient, nationalResponseRecipients } from '@rocu/domain';
import {
  appendActorAudit,
  SYSTEM_AUDIT_ACTOR,
  enqueueNotification,
  recordDeadlineNotice,
  referralIntakeRepository as repository,
} from '@rocu/persistence';
import { deconflict } from './deconfliction';
import { projectReferralTransition } from './referral-projectors';

/** The audit row of a notice the system sent about a referral (a deadline's), once per dedupe key. */
function auditNotice(
  manager: EntityManager,
  action: string,
  referralId: string,
  dedupeKey: string,
  details: Record<string, unknown>,
): Promise<void> {
  return appendActorAudit(manager, SYSTEM_AUDIT_ACTOR, {
    action,
    entityType: 'referral',
    entityId: referralId,
    details,
    dedupeKey,
  });
}

/**
 * Projects referral workflow events into Postgres. Every method is one transaction and idempotent, keyed
 * by workflow id and event sequence, because Temporal may run an activity more than once.
 */
@Injectable()
export class ReferralProjectionActivities implements ReferralActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement writes the referral with its nominals, first history row, deadlines and the gateway
   * team's notification (data-modifying CTEs, all or nothing); then de-confliction, then the audit row:
   * five round trips with BEGIN and COMMIT instead of nine, which is most of a submission's database time.
   */
  projectSubmission(submission: SubmissionProjection): Promise<{ reference: string }> {
    return this.insertSubmission(submission, null);
  }

  /**
   * The projection rebuild's way back for a referral whose row was lost: the same rows as its submission,
   * under the reference the workflow already gave it (not a new one from the sequence).
   */
  restoreSubmission(submission: SubmissionProjection, reference: string): Promise<{ reference: string }> {
    return this.insertSubmission(submission, reference);
  }

  private async insertSubmission(
    submission: SubmissionProjection,
    reference: string | null,
  ): Promise<{ reference: string }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await repository.insertSubmission(manager, submission, reference);
      if (inserted) {
        await deconflict(manager, {
          id: submission.referralId,
          region: submission.region,
          submission: submission.submission,
        });
        await appendActorAudit(manager, submission.submittedBy, {
          action: 'REFERRAL_SUBMITTED',
          entityType: 'referral',
          entityId: submission.referralId,
          correlationId: submission.correlationId,
          details: { workflowId: submission.workflowId, seq: 0 },
          dedupeKey: `${submission.workflowId}:0`,
        });
        return { reference: inserted };
      }
      // A retried activity: the referral was projected by an earlier attempt.
      return { reference: await repository.loadReference(manager, submission.referralId) };
    });
  }

  async projectTransition(event: ReferralTransitionEvent): Promise<void> {
    await this.dataSource.transaction((manager) => projectReferralTransition(manager, event));
  }

  async recordDeadlineNotification(notification: DeadlineNotification): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Once per stage's deadline: a fresh clock for the stage (a re-adopted tasking's allocation, a decision after
      // a national return) is told anew. Round 0 keeps the key notices had before rounds were told apart.
      const round = notification.nationalRound ? `:national-${notification.nationalRound}` : '';
      const key = `${notification.workflowId}:${notification.kind}:${notification.stage}:${notification.dueAt}${round}`;
      await enqueueNotification(manager, {
        dedupeKey: key,
        referralId: notification.referralId,
        kind: `DEADLINE_${notification.kind}`,
        recipient: deadlineRecipient(notification.kind, notification.stage, notification.region),
        payload: { stage: notification.stage, dueAt: notification.dueAt },
      });
      const noticed = notification.deadlines.find((view) => view.stage === notification.stage);
      if (noticed) await recordDeadlineNotice(manager, notification.referralId, noticed);
      await auditNotice(manager, `DEADLINE_${notification.kind}`, notification.referralId, key, {
        workflowId: notification.workflowId,
        stage: notification.stage,
        dueAt: notification.dueAt,
      });
    });
  }

  /**
   * The NCA's answer to a referral sent national is due soon (reminder to the NCA) or late (escalation to the NCA
   * and the region's ROCU manager, who waits for it); once per sending, whatever the retries.
   */
  async recordNationalResponseNotification(notification: NationalResponseNotification): Promise<void> {
    const kind = notification.kind === 'REMINDER' ? 'NATIONAL_RESPONSE_REMINDER' : 'NATIONAL_RESPONSE_OVERDUE';
    const key = `${notification.workflowId}:${kind}:${notification.round}`;
    const recipients = nationalResponseRecipients(notification.kind, notification.region);
    await this.dataSource.transaction(async (manager) => {
      for (const recipient of recipients) {
        await enqueueNotification(manager, {
          dedupeKey: `${key}:${recipient.role}`,
          referralId: notification.referralId,
          kind,
          recipient,
          payload: { dueAt: notification.dueAt },
        });
      }
      await auditNotice(manager, kind, notification.referralId, key, {
        workflowId: notification.workflowId,
        round: notification.round,
        dueAt: notification.dueAt,
      });
    });
  }

  async recordConflictDeclaration(conflict: ConflictRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await repository.insertAllocationConflict(manager, conflict))) return;
      await appendActorAudit(manager, conflict.actor, {
        action: 'CONFLICT_OF_INTEREST_DECLARED',
        entityType: 'referral',
        entityId: conflict.referralId,
        correlationId: conflict.correlationId,
        details: { officerSub: conflict.officer.sub, details: conflict.details ?? null },
        dedupeKey: `${conflict.workflowId}:conflict:${conflict.officer.sub}`,
      });
    });
  }
}
