import type { EntityManager } from 'typeorm';
import type { Disruption, MissedReview, PlanAction, PlanOwners, PlanReview } from '@rocu/domain';

/** One plan change: the referral and the change's sequence number. */
export interface PlanChangeKey {
  referralId: string;
  seq: number;
}

/** The plan's people, as its change notices are addressed (the referring force comes from the event). */
export type PlanOwnerRow = Omit<PlanOwners, 'ownerOrg'>;

/**
 * The SQL that projects a 4P plan's changes into its tables. Each method is one statement in the caller's
 * transaction; the caller decides which apply and in what order.
 */
export const planProjectionRepository = {
  /** The change's journal row; false when an earlier attempt already projected it (the idempotency key). */
  async insertChange(
    manager: EntityManager,
    change: PlanChangeKey & { kind: string; actorSub: string | null; at: string },
  ): Promise<boolean> {
    const fresh: unknown[] = await manager.query(
      `INSERT INTO plan_changes (referral_id, seq, kind, actor_sub, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING seq`,
      [change.referralId, change.seq, change.kind, change.actorSub, change.at],
    );
    return fresh.length > 0;
  },

  /** The plan's next review (when it is due, and opens if this cycle has had one), unless a newer change moved it. */
  async advancePlan(
    manager: EntityManager,
    change: PlanChangeKey & { nextReviewDueAt: string; nextReviewOpensAt?: string | null },
  ): Promise<void> {
    // A change from a workflow older than nextReviewOpensAt does not say: what the plan had stays.
    await manager.query(
      `UPDATE plans SET next_review_due_at = $2, last_seq = $3,
              next_review_opens_at = CASE WHEN $5 THEN $4::timestamptz ELSE next_review_opens_at END
        WHERE referral_id = $1 AND last_seq < $3`,
      [
        change.referralId,
        change.nextReviewDueAt,
        change.seq,
        change.nextReviewOpensAt ?? null,
        change.nextReviewOpensAt !== undefined,
      ],
    );
  },

  async loadOwners(manager: EntityManager, referralId: string): Promise<PlanOwnerRow> {
    const [owners] = await manager.query<PlanOwnerRow[]>(
      // The SIO's own ROCU: one lent by another region (mutual aid) is not of the plan's region.
      `SELECT p.region, p.sio_sub AS "sioSub", coalesce(r.sio_org, p.region) AS "sioOrg", p.lro_sub AS "lroSub",
              p.lro_org AS "lroOrg"
         FROM plans p JOIN referrals r ON r.id = p.referral_id WHERE p.referral_id = $1`,
      [referralId],
    );
    return owners;
  },

  /** Versions only move forward, however the retries of two changes interleave. */
  async upsertAction(manager: EntityManager, referralId: string, action: PlanAction): Promise<void> {
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
  },

  async insertDisruption(manager: EntityManager, referralId: string, disruption: Disruption): Promise<void> {
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
  },

  /** A review only gains signatures: a late retry of the first signature never undoes the second. */
  async upsertReview(manager: EntityManager, referralId: string, review: PlanReview): Promise<void> {
    await manager.query(
      `INSERT INTO plan_reviews (id, referral_id, opened_at, signatures, completed_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET signatures = EXCLUDED.signatures, completed_at = EXCLUDED.completed_at
           WHERE jsonb_array_length(plan_reviews.signatures) < jsonb_array_length(EXCLUDED.signatures)`,
      [review.id, referralId, review.openedAt, JSON.stringify(review.signatures), review.completedAt ?? null],
    );
  },

  async insertMissedReview(manager: EntityManager, referralId: string, missed: MissedReview): Promise<void> {
    await manager.query(
      `INSERT INTO plan_missed_reviews (referral_id, due_at, recorded_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [referralId, missed.dueAt, missed.recordedAt],
    );
  },
};
