import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  DomainError,
  meetingRegionOf,
  Participant,
  Pillar,
  PlanAction,
  planBalance,
  PlanBalance,
} from '@rocu/domain';
import { appendAudit } from '@rocu/persistence';
import { ReferralQueriesService } from '../referrals/referral-queries.service';
import { OwnerPeriodDto, PlanActionDto, PlanDto, RegionBalanceDto, ReviewDto } from './plan-views.dto';

/** The plan's own row: its owners and whether it is closed. */
export interface PlanRow {
  referralId: string;
  region: string;
  sio: Participant;
  lro: Participant;
  startedAt: Date;
  nextReviewDueAt: Date;
  closedAt: Date | null;
}

const ACTION_COLUMNS = `id, pillar, description, owner_org AS "ownerOrg", owner_name AS "ownerName", partners,
  due_at AS "dueAt", status, outcome, version, created_by_sub AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** Which plans a balance counts: one referral's, or every plan of a region. */
type BalanceScope = { referralId: string } | { region: string };

/** Read side of 4P plans, from the projected tables; visibility is the referral's. */
@Injectable()
export class PlanQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralQueriesService,
  ) {}

  /** The plan of a referral the caller may see; 404 when the referral is hidden or has no plan yet. */
  async findVisible(actor: Actor, referralId: string): Promise<PlanRow> {
    await this.referrals.findVisible(actor, referralId);
    const [plan] = await this.dataSource.query<PlanRow[]>(
      // The SIO's organisation is the referral's (an SIO lent by mutual aid belongs to another region's ROCU).
      `SELECT p.referral_id AS "referralId", p.region,
              json_build_object('sub', p.sio_sub, 'name', p.sio_name,
                                'org', COALESCE(CASE WHEN r.sio_sub = p.sio_sub THEN r.sio_org END, p.region)) AS sio,
              json_build_object('sub', p.lro_sub, 'name', p.lro_name, 'org', p.lro_org) AS lro,
              p.started_at AS "startedAt", p.next_review_due_at AS "nextReviewDueAt", p.closed_at AS "closedAt"
         FROM plans p JOIN referrals r ON r.id = p.referral_id WHERE p.referral_id = $1`,
      [referralId],
    );
    if (!plan) {
      throw new DomainError(
        'NOT_FOUND',
        'This referral has no 4P plan yet: it starts once the SIO is allocated and the LRO named',
      );
    }
    return plan;
  }

  /** One action of a plan as last projected (for a fast version check before the workflow's own). */
  async findAction(referralId: string, actionId: string): Promise<PlanAction | undefined> {
    const [action] = await this.dataSource.query<(PlanAction & { outcome: string | null })[]>(
      `SELECT ${ACTION_COLUMNS} FROM plan_actions WHERE referral_id = $1 AND id = $2`,
      [referralId, actionId],
    );
    return action ? { ...action, outcome: action.outcome ?? undefined } : undefined;
  }

  async view(actor: Actor, referralId: string, correlationId: string): Promise<PlanDto> {
    const plan = await this.findVisible(actor, referralId);
    const [actions, disruptions, reviews, missedReviews, balance, owners] = await Promise.all([
      this.dataSource.query<PlanActionDto[]>(
        `SELECT ${ACTION_COLUMNS} FROM plan_actions WHERE referral_id = $1 ORDER BY created_at, id`,
        [referralId],
      ),
      this.dataSource.query<Record<string, string>[]>(
        `SELECT id, pillar, significance, description, occurred_at AS "occurredAt", recorded_by_sub AS "recordedBy",
                recorded_at AS "recordedAt"
           FROM plan_disruptions WHERE referral_id = $1 ORDER BY occurred_at, id`,
        [referralId],
      ),
      this.dataSource.query<(Omit<ReviewDto, 'complete'> & { completedAt: Date | null })[]>(
        `SELECT id, opened_at AS "openedAt", signatures, completed_at AS "completedAt"
           FROM plan_reviews WHERE referral_id = $1 ORDER BY opened_at, id`,
        [referralId],
      ),
      this.dataSource.query<{ dueAt: Date; recordedAt: Date }[]>(
        `SELECT due_at AS "dueAt", recorded_at AS "recordedAt" FROM plan_missed_reviews WHERE referral_id = $1 ORDER BY due_at`,
        [referralId],
      ),
      this.balance({ referralId }),
      this.dataSource.query<(Omit<OwnerPeriodDto, 'from' | 'until'> & { from: Date; until: Date | null })[]>(
        `SELECT role, officer_sub AS sub, officer_name AS name, officer_org AS org, from_at AS "from",
                until_at AS "until", reason, changed_by_sub AS "changedBy"
           FROM tasking_owners WHERE referral_id = $1 ORDER BY from_at, role DESC`,
        [referralId],
      ),
    ]);
    await appendAudit(this.dataSource.manager, {
      actorSub: actor.sub,
      actorOrg: actor.org,
      action: 'PLAN_VIEWED',
      entityType: 'referral',
      entityId: referralId,
      outcome: 'SUCCESS',
      correlationId,
      details: {},
    });
    const lastCompleted = reviews.reduce<Date | null>(
      (latest, review) =>
        review.completedAt && (!latest || review.completedAt > latest) ? review.completedAt : latest,
      null,
    );
    const lastMissed = missedReviews.at(-1)?.dueAt ?? null;
    return {
      referralId,
      status: plan.closedAt ? 'CLOSED' : 'OPEN',
      sio: plan.sio,
      lro: plan.lro,
      startedAt: new Date(plan.startedAt).toISOString(),
      nextReviewDueAt: new Date(plan.nextReviewDueAt).toISOString(),
      reviewOverdue: lastMissed !== null && (lastCompleted === null || lastCompleted < lastMissed),
      closedAt: iso(plan.closedAt),
      actions: actions.map((action) => ({
        ...action,
        dueAt: new Date(action.dueAt).toISOString(),
        createdAt: new Date(action.createdAt).toISOString(),
        updatedAt: new Date(action.updatedAt).toISOString(),
      })),
      disruptions: disruptions.map((row) => ({
        id: row.id,
        pillar: row.pillar,
        significance: row.significance,
        description: row.description,
        occurredAt: new Date(row.occurredAt).toISOString(),
        recordedBy: row.recordedBy,
        recordedAt: new Date(row.recordedAt).toISOString(),
      })),
      reviews: reviews.map((review) => ({
        id: review.id,
        openedAt: new Date(review.openedAt).toISOString(),
        signatures: review.signatures,
        complete: review.completedAt !== null,
        completedAt: iso(review.completedAt),
      })),
      missedReviews: missedReviews.map((missed) => ({
        dueAt: new Date(missed.dueAt).toISOString(),
        recordedAt: new Date(missed.recordedAt).toISOString(),
      })),
      balance,
      owners: owners.map((period) => ({ ...period, from: period.from.toISOString(), until: iso(period.until) })),
    };
  }

  /** The 4P balance of every plan in the caller's region (counts only, so the region's meeting participants see it). */
  async regionBalance(actor: Actor): Promise<RegionBalanceDto> {
    const region = meetingRegionOf(actor);
    if (!region) throw new DomainError('FORBIDDEN', 'The 4P balance report is for the staff of a region');
    const [[{ plans }], balance] = await Promise.all([
      this.dataSource.query<{ plans: number }[]>(`SELECT count(*)::int AS plans FROM plans WHERE region = $1`, [
        region,
      ]),
      this.balance({ region }),
    ]);
    return { region, plans, balance };
  }

  private async balance(scope: BalanceScope): Promise<PlanBalance> {
    const [where, value] =
      'referralId' in scope
        ? ['referral_id = $1', scope.referralId]
        : ['referral_id IN (SELECT referral_id FROM plans WHERE region = $1)', scope.region];
    const counts = await this.dataSource.query<
      { pillar: Pillar; kind: 'ACTION' | 'DISRUPTION'; key: string; count: number }[]
    >(
      `SELECT pillar, 'ACTION' AS kind, status AS key, count(*)::int AS count FROM plan_actions WHERE ${where}
        GROUP BY pillar, status
       UNION ALL
       SELECT pillar, 'DISRUPTION', significance, count(*)::int FROM plan_disruptions WHERE ${where}
        GROUP BY pillar, significance`,
      [value],
    );
    return planBalance(counts);
  }
}
