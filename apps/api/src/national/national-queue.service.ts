import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { Actor, ReferralEvent } from '@rocu/domain';
import { nationalAcceptUpdate, nationalReturnUpdate } from '@rocu/contracts';
import { appendActorAudit, ReferralEntity } from '@rocu/persistence';
import { PageQuery } from '../common/page.query';
import { toSummary } from '../referrals/referral-queries.service';
import { ReferralUpdatesService } from '../referrals/referral-updates.service';
import { ReferralStatusDto } from '../referrals/referral-views.dto';
import { NationalAcceptRequest, NationalReturnRequest } from './national-requests.dto';
import { NationalQueueResponse } from './national-views.dto';

/**
 * The NCA's national queue (issue 16): referrals sent national by any region, soonest answer due first; the
 * NCA accepts one (with its reference) or returns it to the region with reasons, each an Update on its workflow.
 */
@Injectable()
export class NationalQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly updates: ReferralUpdatesService,
  ) {}

  async queue(actor: Actor, page: PageQuery, correlationId: string): Promise<NationalQueueResponse> {
    const [rows, total] = await this.dataSource.getRepository(ReferralEntity).findAndCount({
      where: { status: 'REFERRED_NATIONAL', nationalDueAt: Not(IsNull()) },
      order: { nationalDueAt: 'ASC', id: 'ASC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'NATIONAL_QUEUE_LISTED',
      entityType: 'referral',
      entityId: null,
      correlationId,
      details: { ids: rows.map((row) => row.id), total },
    });
    const now = Date.now();
    return {
      items: rows.map((row) => {
        const dueAt = row.nationalDueAt as Date;
        return {
          ...toSummary(row),
          referredAt: (row.nationalReferredAt ?? dueAt).toISOString(),
          responseDueAt: dueAt.toISOString(),
          overdue: dueAt.getTime() < now,
        };
      }),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  async accept(
    actor: Actor,
    id: string,
    request: NationalAcceptRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const event: ReferralEvent = { type: 'NATIONAL_ACCEPT' };
    return this.updates.sendRequest(actor, id, event, nationalAcceptUpdate, request, correlationId, idempotencyKey);
  }

  async return(
    actor: Actor,
    id: string,
    request: NationalReturnRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const event: ReferralEvent = { type: 'NATIONAL_RETURN' };
    return this.updates.sendRequest(actor, id, event, nationalReturnUpdate, request, correlationId, idempotencyKey);
  }
}
