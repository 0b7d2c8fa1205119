import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PlanActivities, PlanChange, PlanChangeEvent } from '@rocu/contracts';
import { planChangeRecipients } from '@rocu/domain';
import {
  appendActorAudit,
  SYSTEM_AUDIT_ACTOR,
  enqueueNotification,
  planProjectionRepository as repository,
} from '@rocu/persistence';

/**
 * Projects 4P plan changes into Postgres: one transaction per change, idempotent on (referral, seq)
 * through the plan's journal, so a retried activity changes nothing twice.
 */
@Injectable()
export class PlanProjectionActivities implements PlanActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async projectPlanChange(event: PlanChangeEvent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const fresh = await repository.insertChange(manager, {
        referralId: event.referralId,
        seq: event.seq,
        kind: event.change.kind,
        actorSub: event.actor?.sub ?? null,
        at: event.at,
      });
      if (!fresh) return;
      await this.apply(manager, event.referralId, event.change);
      await repository.advancePlan(manager, event);
      const owners = await repository.loadOwners(manager, event.referralId);
      for (const recipient of planChangeRecipients(event.change.kind, { ...owners, ownerOrg: event.ownerOrg })) {
        await enqueueNotification(manager, {
          dedupeKey: `plan-${event.referralId}:${event.seq}:${recipient.role}:${recipient.org}`,
          referralId: event.referralId,
          kind: `PLAN_${event.change.kind}`,
          recipient,
          payload: { nextReviewDueAt: event.nextReviewDueAt },
        });
      }
      await appendActorAudit(manager, event.actor ?? SYSTEM_AUDIT_ACTOR, {
        action: `PLAN_${event.change.kind}`,
        entityType: 'referral',
        entityId: event.referralId,
        correlationId: event.correlationId,
        details: { seq: event.seq },
        dedupeKey: `plan-${event.referralId}:${event.seq}`,
      });
    });
  }

  private async apply(manager: EntityManager, referralId: string, change: PlanChange): Promise<void> {
    switch (change.kind) {
      case 'ACTION_ADDED':
      case 'ACTION_CHANGED':
        return repository.upsertAction(manager, referralId, change.action);
      case 'DISRUPTION_RECORDED':
        return repository.insertDisruption(manager, referralId, change.disruption);
      case 'REVIEW_SIGNED':
        return repository.upsertReview(manager, referralId, change.review);
      case 'REVIEW_OVERDUE':
        return repository.insertMissedReview(manager, referralId, change.missed);
      case 'REVIEW_REMINDER':
        return;
    }
  }
}
