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
import {
  deadlineRecipient,
  effectiveUrgency,
  nationalResponseDueAt,
  nationalResponseRecipients,
  recipientsOnEntering,
  type Participant,
  type PlanRole,
} from '@rocu/domain';
import { appendAudit, deadlineColumns, enqueueNotification, upsertDeadlines } from '@rocu/persistence';
import { deconflict } from './deconfliction';

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
    await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO referral_history (referral_id, seq, from_status, to_status, action, actor_sub, actor_name, actor_org, reason, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING seq`,
        [
          event.referralId,
          event.seq,
          event.from,
          event.to,
          event.action,
          event.actor.sub,
          event.actor.name,
          event.actor.org,
          event.reason ?? null,
          event.at,
        ],
      );
      if (inserted.length === 0) return; // already projected by an earlier attempt
      const score = event.assessment?.score;
      // An older event landing late (activities may complete out of order) must not overwrite newer state.
      const [advanced] = await manager.query<[unknown[], number]>(
        `UPDATE referrals SET status = $3, last_seq = $2, updated_at = $4, paused_ms = $5,
           priority = coalesce($6, priority), risk_score = coalesce($7, risk_score)
         WHERE id = $1 AND last_seq < $2 RETURNING id`,
        [
          event.referralId,
          event.seq,
          event.to,
          event.at,
          event.pausedMs,
          score?.priority ?? null,
          score?.riskScore ?? null,
        ],
      );
      if (advanced.length > 0) await upsertDeadlines(manager, event.referralId, event.deadlines);
      if (event.information) {
        await manager.query(
          `INSERT INTO referral_information (referral_id, seq, kind, text, actor_sub, actor_org, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            event.referralId,
            event.seq,
            event.information.kind,
            event.information.text,
            event.actor.sub,
            event.actor.org,
            event.at,
          ],
        );
      }
      if (event.assessment && score) {
        await manager.query(
          `INSERT INTO assessments (referral_id, seq, scheme_id, scheme_version, input, risk_score, priority, breakdown,
             confidence, organisational_position_grade, recommendations, route, rationale, assessed_by_sub, assessed_by_name, assessed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [
            event.referralId,
            event.seq,
            score.scheme.id,
            score.scheme.version,
            JSON.stringify(event.assessment.input),
            score.riskScore,
            score.priority,
            JSON.stringify(score.breakdown),
            score.confidence,
            score.organisationalPosition.grade,
            JSON.stringify(score.recommendations),
            event.assessment.route,
            JSON.stringify(event.assessment.rationale),
            event.actor.sub,
            event.actor.name,
            event.at,
          ],
        );
      }
      if (event.taskingDecision?.onwardReference) {
        await manager.query(`UPDATE referrals SET onward_reference = $2 WHERE id = $1`, [
          event.referralId,
          event.taskingDecision.onwardReference,
        ]);
      }
      if (event.taskingDecision && event.taskingDecision.meetingId === undefined) {
        // An urgent out-of-meeting decision: listed for ratification at the region's next TTCG.
        await manager.query(`UPDATE referrals SET urgent_decision = $2, urgent_decision_at = $3 WHERE id = $1`, [
          event.referralId,
          event.taskingDecision.decision,
          event.at,
        ]);
      }
      if (event.partnerCheck) {
        const check = event.partnerCheck;
        await manager.query(
          `INSERT INTO partner_checks (referral_id, seq, agency, requested_on, result, reference, checked_on,
             recorded_by_sub, recorded_by_name, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            event.referralId,
            event.seq,
            check.agency,
            check.requestedOn,
            check.result,
            check.reference ?? null,
            check.checkedOn,
            event.actor.sub,
            event.actor.name,
            event.at,
          ],
        );
      }
      if (event.partnerDisposal) {
        // A GAIN disposal: the partner's reference is the referral's onward reference, as for one referred on.
        await manager.query(`UPDATE referrals SET partner_org = $2, onward_reference = $3 WHERE id = $1`, [
          event.referralId,
          event.partnerDisposal.agency,
          event.partnerDisposal.reference,
        ]);
      }
      if (event.to === 'REFERRED_NATIONAL' && event.from !== 'REFERRED_NATIONAL') {
        // Into the NCA's queue, with its answer due (issue 16).
        await manager.query(`UPDATE referrals SET national_referred_at = $2, national_due_at = $3 WHERE id = $1`, [
          event.referralId,
          event.at,
          event.nationalDueAt ?? nationalResponseDueAt(new Date(event.at)).toISOString(),
        ]);
      }
      if (event.national) {
        // Answered: off the queue; accepted, it carries the NCA's reference (the region keeps its history).
        await manager.query(
          event.national.outcome === 'ACCEPTED'
            ? `UPDATE referrals SET national_due_at = NULL, national_reference = $2, national_accepted_at = $3 WHERE id = $1`
            : `UPDATE referrals SET national_due_at = NULL WHERE id = $1`,
          event.national.outcome === 'ACCEPTED'
            ? [event.referralId, event.national.reference, event.at]
            : [event.referralId],
        );
      }
      if (event.nationalTasking) {
        // An NCA tasking request entering the region's agenda, aligned to its national priority (issue 16).
        await manager.query(`UPDATE referrals SET origin = 'NCA_TASKING', national_priority = $2 WHERE id = $1`, [
          event.referralId,
          event.nationalTasking.nationalPriority,
        ]);
      }
      if (event.sioAllocation) await this.projectAllocation(manager, event, event.sioAllocation);
      // A later renaming may land first (activities complete out of order): only the newest name stands.
      if (event.lro && advanced.length > 0) {
        await manager.query(`UPDATE referrals SET lro_sub = $2, lro_name = $3, lro_org = $4 WHERE id = $1`, [
          event.referralId,
          event.lro.sub,
          event.lro.name,
          event.lro.org,
        ]);
      }
      if (event.sioAllocation) await this.recordOwner(manager, event, 'SIO', event.sioAllocation.officer);
      if (event.lro) await this.recordOwner(manager, event, 'LRO', event.lro);
      if (event.ownerChange && advanced.length > 0) {
        // The plan changes hands with the tasking (its workflow was told before this was projected).
        await manager.query(
          event.ownerChange.role === 'SIO'
            ? `UPDATE plans SET sio_sub = $2, sio_name = $3 WHERE referral_id = $1`
            : `UPDATE plans SET lro_sub = $2, lro_name = $3, lro_org = $4 WHERE referral_id = $1`,
          [
            event.referralId,
            event.ownerChange.to.sub,
            event.ownerChange.to.name,
            ...(event.ownerChange.role === 'SIO' ? [] : [event.ownerChange.to.org]),
          ],
        );
      }
      if (event.planStarted) await this.projectPlanStarted(manager, event, event.planStarted);
      if (event.closure) {
        await manager.query(
          `UPDATE referrals SET closure_outcome = $2, closed_at = $3, reassessment_due = true WHERE id = $1;`,
          [event.referralId, event.closure.outcome, event.at],
        );
        await manager.query(`UPDATE plans SET closed_at = $2 WHERE referral_id = $1`, [event.referralId, event.at]);
      }
      if (event.standDown) {
        // An overturned urgent adoption: the tasking stands down and its plan, if any, closes with the reason.
        await manager.query(`UPDATE referrals SET closure_outcome = $2 WHERE id = $1`, [
          event.referralId,
          event.standDown.reason,
        ]);
        await manager.query(`UPDATE plans SET closed_at = $2 WHERE referral_id = $1 AND closed_at IS NULL`, [
          event.referralId,
          event.at,
        ]);
      }
      if (event.assessment) {
        // The latest assessment says what the work is aligned to (issue 16); a tasking request keeps the NCA's.
        await manager.query(
          `UPDATE referrals SET national_priority = $2
            WHERE id = $1 AND origin <> 'NCA_TASKING'
              AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.referral_id = $1 AND a.seq > $3)`,
          [event.referralId, event.assessment.nationalPriority ?? null, event.seq],
        );
      }
      if (event.assessment && event.from === 'CLOSED') {
        await manager.query(`UPDATE referrals SET reassessment_due = false WHERE id = $1`, [event.referralId]);
      }
      const [referral] = await manager.query<{ ownerOrg: string; region: string }[]>(
        `SELECT owner_org AS "ownerOrg", region FROM referrals WHERE id = $1`,
        [event.referralId],
      );
      // Only a change of status is news (naming an LRO or re-scoring a closed referral is not).
      const entered = event.from === event.to ? [] : recipientsOnEntering(event.to, referral);
      for (const recipient of entered) {
        await enqueueNotification(manager, {
          dedupeKey: `${event.workflowId}:${event.seq}:${recipient.role}:${recipient.org}`,
          referralId: event.referralId,
          kind: `REFERRAL_${event.to}`,
          recipient,
          payload: { from: event.from, to: event.to },
        });
      }
      await appendAudit(manager, {
        actorSub: event.actor.sub,
        actorOrg: event.actor.org,
        action: `REFERRAL_${event.action}`,
        entityType: 'referral',
        entityId: event.referralId,
        outcome: 'SUCCESS',
        correlationId: event.correlationId,
        details: {
          workflowId: event.workflowId,
          seq: event.seq,
          from: event.from,
          to: event.to,
          ...(event.partnerCheck
            ? { partnerCheck: { agency: event.partnerCheck.agency, result: event.partnerCheck.result } }
            : {}),
          ...(event.partnerDisposal ? { partnerDisposal: event.partnerDisposal } : {}),
          ...(event.nationalTasking ? { nationalTasking: event.nationalTasking } : {}),
          // An allocation that set a rule aside carries the justification on the audit trail too.
          ...(event.sioAllocation?.ruleExceptions?.length
            ? {
                ruleExceptions: event.sioAllocation.ruleExceptions,
                exceptionJustification: event.sioAllocation.exceptionJustification,
              }
            : {}),
        },
        dedupeKey: `${event.workflowId}:${event.seq}`,
      });
    });
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

  private async projectAllocation(
    manager: EntityManager,
    event: ReferralTransitionEvent,
    allocation: NonNullable<ReferralTransitionEvent['sioAllocation']>,
  ): Promise<void> {
    await manager.query(`UPDATE referrals SET sio_sub = $2, sio_name = $3, sio_org = $4 WHERE id = $1`, [
      event.referralId,
      allocation.officer.sub,
      allocation.officer.name,
      allocation.officer.org,
    ]);
    await manager.query(
      `INSERT INTO sio_allocations (referral_id, officer_sub, officer_name, justification, conflict_declaration,
         allocated_by_sub, allocated_at, rule_exceptions, exception_justification, mutual_aid_request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        event.referralId,
        allocation.officer.sub,
        allocation.officer.name,
        allocation.justification,
        JSON.stringify(allocation.conflictDeclaration),
        event.actor.sub,
        event.at,
        allocation.ruleExceptions ?? [],
        allocation.exceptionJustification ?? null,
        allocation.mutualAidRequestId ?? null,
      ],
    );
  }

  /**
   * Opens the owner's period and closes the one before it. A period projected late (out of order) ends
   * where the next one begins, so the periods never overlap.
   */
  private async recordOwner(
    manager: EntityManager,
    event: ReferralTransitionEvent,
    role: PlanRole,
    owner: Participant,
  ): Promise<void> {
    await manager.query(
      `UPDATE tasking_owners SET until_at = $4
        WHERE referral_id = $1 AND role = $2 AND seq < $3 AND (until_at IS NULL OR until_at > $4)`,
      [event.referralId, role, event.seq, event.at],
    );
    await manager.query(
      `INSERT INTO tasking_owners (referral_id, role, seq, officer_sub, officer_name, officer_org, reason, changed_by_sub,
         from_at, until_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
         (SELECT min(from_at) FROM tasking_owners WHERE referral_id = $1 AND role = $2 AND seq > $3))
       ON CONFLICT DO NOTHING`,
      [
        event.referralId,
        role,
        event.seq,
        owner.sub,
        owner.name,
        owner.org,
        event.ownerChange?.reason ?? null,
        event.actor.sub,
        event.at,
      ],
    );
  }

  private async projectPlanStarted(
    manager: EntityManager,
    event: ReferralTransitionEvent,
    plan: NonNullable<ReferralTransitionEvent['planStarted']>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO plans (referral_id, region, sio_sub, sio_name, lro_sub, lro_name, lro_org, started_at, next_review_due_at)
       SELECT id, region, $2, $3, $4, $5, $6, $7, $8 FROM referrals WHERE id = $1`,
      [
        event.referralId,
        plan.sio.sub,
        plan.sio.name,
        plan.lro.sub,
        plan.lro.name,
        plan.lro.org,
        event.at,
        plan.nextReviewDueAt,
      ],
    );
  }
}
