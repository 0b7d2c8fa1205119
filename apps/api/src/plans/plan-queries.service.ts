import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError, meetingRegionOf, PlanAction, planBalance, PlanBalance, reviewOverdue } from '@rocu/domain';
import { appendActorAudit, BalanceScope, planQueries, PlanRow } from '@rocu/persistence';
import { auditRegionRead } from '../audit/read-audit';
import { ReferralQueriesService } from '../referrals/referral-queries.service';
import { PlanDto, RegionBalanceDto } from './plan-views.dto';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

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
    const plan = await planQueries.find(this.dataSource, referralId);
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
    const action = await planQueries.findAction(this.dataSource, referralId, actionId);
    return action ? { ...action, outcome: action.outcome ?? undefined } : undefined;
  }

  async view(actor: Actor, referralId: string, correlationId: string): Promise<PlanDto> {
    const plan = await this.findVisible(actor, referralId);
    const [actions, disruptions, reviews, missedReviews, balance, owners] = await Promise.all([
      planQueries.actions(this.dataSource, referralId),
      planQueries.disruptions(this.dataSource, referralId),
      planQueries.reviews(this.dataSource, referralId),
      planQueries.missedReviews(this.dataSource, referralId),
      this.balance({ referralId }),
      planQueries.owners(this.dataSource, referralId),
    ]);
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'PLAN_VIEWED',
      entityType: 'referral',
      entityId: referralId,
      correlationId,
      details: {},
    });
    const completed = reviews.flatMap((review) => (review.completedAt ? [new Date(review.completedAt)] : []));
    const missedDue = missedReviews.map((missed) => new Date(missed.dueAt));
    return {
      referralId,
      status: plan.closedAt ? 'CLOSED' : 'OPEN',
      sio: plan.sio,
      lro: plan.lro,
      startedAt: new Date(plan.startedAt).toISOString(),
      nextReviewDueAt: new Date(plan.nextReviewDueAt).toISOString(),
      // Projected with the plan's changes: once it has passed, a review may open (until the next change says so).
      nextReviewOpensAt:
        plan.nextReviewOpensAt && new Date(plan.nextReviewOpensAt) > new Date() ? iso(plan.nextReviewOpensAt) : null,
      reviewOverdue: reviewOverdue(completed, missedDue, new Date(plan.startedAt)),
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
  async regionBalance(actor: Actor, correlationId: string): Promise<RegionBalanceDto> {
    const region = meetingRegionOf(actor);
    if (!region) throw new DomainError('FORBIDDEN', 'The 4P balance report is for the staff of a region');
    const [plans, balance] = await Promise.all([
      planQueries.countInRegion(this.dataSource, region),
      this.balance({ region }),
    ]);
    await auditRegionRead(this.dataSource, actor, { action: 'PLAN_BALANCE_VIEWED', region, correlationId });
    return { region, plans, balance };
  }

  private async balance(scope: BalanceScope): Promise<PlanBalance> {
    const counts = await planQueries.balanceCounts(this.dataSource, scope);
    return planBalance(counts);
  }
}
