import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  ConflictRecord,
  DeadlineNotification,
  NationalResponseNotification,
  ReferralActivities,
  ReferralTransitionEvent,
  SubmissionProjection,
} from '@rocu/contracts';
import { deadlineRecipient, effectiveUrgency, nationalResponseRecipients } from '@rocu/domain';
import { appendAudit, deadlineColumns, enqueueNotification, upsertDeadlines } from '@rocu/persistence';
import { deconflict } from './deconfliction';
import { projectReferralTransition } from './referral-projectors';

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
      const { subject } = submission.submission;
      const { columns, nextDue } = deadlineColumns(submission.deadlines);
      const urgency = effectiveUrgency(submission.submission);
      const [inserted] = await manager.query<{ reference: string }[]>(
        `WITH referral AS (
           INSERT INTO referrals (id, reference, workflow_id, owner_org, region, status, urgency, classification,
             subject_type, subject_name, subject_existing_ref, submission, submitted_by_sub, submitted_by_name,
             submitted_at, updated_at, next_deadline_at)
           VALUES ($1, coalesce($25::text,
               $2 || '-' || to_char($13::timestamptz, 'YYYY') || '-' || lpad(nextval('referral_reference_seq')::text, 6, '0')),
             $3, $4, $2, 'SUBMITTED', $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)
           ON CONFLICT (id) DO NOTHING RETURNING id, reference),
         nominals AS (
           INSERT INTO referral_nominals (referral_id, identifier, role)
           SELECT referral.id, n.identifier, n.role FROM referral, unnest($15::text[], $16::text[]) AS n(identifier, role)
           ON CONFLICT DO NOTHING),
         history AS (
           INSERT INTO referral_history (referral_id, seq, from_status, to_status, action, actor_sub, actor_name, actor_org, at)
           SELECT id, 0, NULL, 'SUBMITTED', 'SUBMIT', $11, $12, $17, $13 FROM referral),
         deadlines AS (
           INSERT INTO referral_deadlines (referral_id, stage, due_at, remind_at, status, reminded_at, escalated_at)
           SELECT referral.id, d.* FROM referral,
             unnest($18::text[], $19::timestamptz[], $20::timestamptz[], $21::text[], $22::timestamptz[], $23::timestamptz[])
               AS d(stage, due_at, remind_at, status, reminded_at, escalated_at)),
         notification AS (
           -- The gateway team always; the ROCU manager at once when the referral is IMMEDIATE in effect.
           INSERT INTO notifications (dedupe_key, referral_id, kind, recipient_role, recipient_org, payload)
           SELECT $3 || n.suffix, referral.id, n.kind, n.role, $2,
             jsonb_build_object('urgency', $5::text, 'urgencyReason', $24::text)
           FROM referral, (VALUES (':submitted', 'REFERRAL_SUBMITTED', 'GATEWAY_ASSESSOR'),
                                  (':immediate', 'IMMEDIATE_REFERRAL', 'ROCU_MANAGER')) AS n(suffix, kind, role)
           WHERE n.kind = 'REFERRAL_SUBMITTED' OR $5::text = 'IMMEDIATE'
           ON CONFLICT (dedupe_key) DO NOTHING)
         SELECT reference FROM referral`,
        [
          submission.referralId,
          submission.region,
          submission.workflowId,
          submission.ownerOrg,
          urgency.urgency,
          submission.submission.classification,
          subject.type,
          subject.name,
          subject.existingRef ?? null,
          JSON.stringify(submission.submission),
          submission.submittedBy.sub,
          submission.submittedBy.name,
          submission.at,
          nextDue,
          subject.nominals.map((nominal) => nominal.identifier),
          subject.nominals.map((nominal) => nominal.role),
          submission.submittedBy.org,
          ...columns,
          urgency.reason,
          reference,
        ],
      );
      if (inserted) {
        await deconflict(manager, {
          id: submission.referralId,
          region: submission.region,
          submission: submission.submission,
        });
        // Last: the audit trigger holds the chain's lock to commit, so nothing may lock a referral after it.
        await appendAudit(manager, {
          actorSub: submission.submittedBy.sub,
          actorOrg: submission.submittedBy.org,
          action: 'REFERRAL_SUBMITTED',
          entityType: 'referral',
          entityId: submission.referralId,
          outcome: 'SUCCESS',
          correlationId: submission.correlationId,
          details: { workflowId: submission.workflowId, seq: 0 },
          dedupeKey: `${submission.workflowId}:0`,
        });
        return { reference: inserted.reference };
      }
      // A retried activity: the referral was projected by an earlier attempt.
      const [row] = await manager.query<{ reference: string }[]>(`SELECT reference FROM referrals WHERE id = $1`, [
        submission.referralId,
      ]);
      return { reference: row.reference };
    });
  }

  async projectTransition(event: ReferralTransitionEvent): Promise<void> {
    await this.dataSource.transaction((manager) => projectReferralTransition(manager, event));
  }

  async recordDeadlineNotification(notification: DeadlineNotification): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const key = `${notification.workflowId}:${notification.kind}:${notification.stage}`;
      await enqueueNotification(manager, {
        dedupeKey: key,
        referralId: notification.referralId,
        kind: `DEADLINE_${notification.kind}`,
        recipient: deadlineRecipient(notification.kind, notification.stage, notification.region),
        payload: { stage: notification.stage, dueAt: notification.dueAt },
      });
      await upsertDeadlines(manager, notification.referralId, notification.deadlines);
      await appendAudit(manager, {
        actorSub: 'system',
        actorOrg: null,
        action: `DEADLINE_${notification.kind}`,
        entityType: 'referral',
        entityId: notification.referralId,
        outcome: 'SUCCESS',
        details: { workflowId: notification.workflowId, stage: notification.stage, dueAt: notification.dueAt },
        dedupeKey: key,
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
      await appendAudit(manager, {
        actorSub: 'system',
        actorOrg: null,
        action: kind,
        entityType: 'referral',
        entityId: notification.referralId,
        outcome: 'SUCCESS',
        details: { workflowId: notification.workflowId, round: notification.round, dueAt: notification.dueAt },
        dedupeKey: key,
      });
    });
  }

  async recordConflictDeclaration(conflict: ConflictRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO conflict_declarations (referral_id, person_sub, person_name, details, recorded_by_sub, recorded_at, source)
         VALUES ($1, $2, $3, $4, $5, $6, 'ALLOCATION') ON CONFLICT DO NOTHING RETURNING person_sub`,
        [
          conflict.referralId,
          conflict.officer.sub,
          conflict.officer.name,
          conflict.details ?? null,
          conflict.actor.sub,
          conflict.at,
        ],
      );
      if (inserted.length === 0) return;
      await appendAudit(manager, {
        actorSub: conflict.actor.sub,
        actorOrg: conflict.actor.org,
        action: 'CONFLICT_OF_INTEREST_DECLARED',
        entityType: 'referral',
        entityId: conflict.referralId,
        outcome: 'SUCCESS',
        correlationId: conflict.correlationId,
        details: { officerSub: conflict.officer.sub, details: conflict.details ?? null },
        dedupeKey: `${conflict.workflowId}:conflict:${conflict.officer.sub}`,
      });
    });
  }
}
