import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PlanActivities, PlanChange, PlanChangeEvent } from '@rocu/contracts';
import { planChangeRecipients, type PlanOwners } from '@rocu/domain';
import { appendAudit, enqueueNotification } from '@rocu/persistence';

/**
 * Projects 4P plan changes into Postgres: one transaction per change, idempotent on (referral, seq)
 * through the plan's journal, so a retried activity changes nothing twice.
 */
@Injectable()
export class PlanProjectionActivities implements PlanActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async projectPlanChange(event: PlanChangeEvent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        `INSERT INTO plan_changes (referral_id, seq, kind, actor_sub, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING seq`,
        [event.referralId, event.seq, event.change.kind, event.actor?.sub ?? null, event.at],
      );
      if (fresh.length === 0) return;
      await this.apply(manager, event.referralId, event.change);
      await manager.query(
        `UPDATE plans SET next_review_due_at = $2, last_seq = $3 WHERE referral_id = $1 AND last_seq < $3`,
        [event.referralId, event.nextReviewDueAt, event.seq],
      );
      const [owners] = await manager.query<Omit<PlanOwners, 'ownerOrg'>[]>(
        `SELECT region, sio_sub AS "sioSub", lro_sub AS "lroSub", lro_org AS "lroOrg" FROM plans WHERE referral_id = $1`,
        [event.referralId],
      );
      for (const recipient of planChangeRecipients(event.change.kind, { ...owners, ownerOrg: event.ownerOrg })) {
        await enqueueNotification(manager, {
          dedupeKey: `plan-${event.referralId}:${event.seq}:${recipient.role}:${recipient.org}`,
          referralId: event.referralId,
          kind: `PLAN_${event.change.kind}`,
          recipient,
          payload: { nextReviewDueAt: event.nextReviewDueAt },
        });
      }
      await appendAudit(manager, {
        actorSub: event.actor?.sub ?? 'system',
        actorOrg: event.actor?.org ?? null,
        action: `PLAN_${event.change.kind}`,
        entityType: 'referral',
        entityId: event.referralId,
        outcome: 'SUCCESS',
        correlationId: event.correlationId,
        details: { seq: event.seq },
        dedupeKey: `plan-${event.referralId}:${event.seq}`,
      });
    });
  }

  private async apply(manager: EntityManager, referralId: string, change: PlanChange): Promise<void> {
    switch (change.kind) {
      case 'ACTION_ADDED':
      case 'ACTION_CHANGED': {
        const { action } = change;
        // Versions only move forward, however the retries of two changes interleave.
        await manager.query(
          `INSERT INTO plan_actions (id, referral_id, pillar, description, owner_org, owner_name, partners, due_at,
             status, outcome, version, created_by_sub, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, outcome = EXCLUDED.outcome,
             version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
           WHERE plan_actions.version < EXCLUDED.version`,
          [
            action.id,
            referralId,
            action.pillar,
            action.description,
            action.ownerOrg,
            action.ownerName,
            action.partners,
            action.dueAt,
            action.status,
            action.outcome ?? null,
            action.version,
            action.createdBy,
            action.createdAt,
            action.updatedAt,
          ],
        );
        return;
      }
      case 'DISRUPTION_RECORDED': {
        const { disruption } = change;
        await manager.query(
          `INSERT INTO plan_disruptions (id, referral_id, pillar, significance, description, occurred_at,
             recorded_by_sub, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            disruption.id,
            referralId,
            disruption.pillar,
            disruption.significance,
            disruption.description,
            disruption.occurredAt,
            disruption.recordedBy,
            disruption.recordedAt,
          ],
        );
        return;
      }
      case 'REVIEW_SIGNED': {
        const { review } = change;
        await manager.query(
          // A review only gains signatures: a late retry of the first signature never undoes the second.
          `INSERT INTO plan_reviews (id, referral_id, opened_at, signatures, completed_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET signatures = EXCLUDED.signatures, completed_at = EXCLUDED.completed_at
           WHERE jsonb_array_length(plan_reviews.signatures) < jsonb_array_length(EXCLUDED.signatures)`,
          [review.id, referralId, review.openedAt, JSON.stringify(review.signatures), review.completedAt ?? null],
        );
        return;
      }
      case 'REVIEW_OVERDUE':
        await manager.query(
          `INSERT INTO plan_missed_reviews (referral_id, due_at, recorded_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [referralId, change.missed.dueAt, change.missed.recordedAt],
        );
        return;
      case 'REVIEW_REMINDER':
        return;
    }
  }
}
