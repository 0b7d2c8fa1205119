import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError } from '@rocu/domain';
import { appendActorAudit, nationalQueries } from '@rocu/persistence';
import { IdempotencyService, keyedUpdateId } from '../common/idempotency';
import { toDto } from './national-priorities.service';
import { CreateNationalPriorityRequest } from './national-tasking.dto';
import { NationalPriorityDto } from './national-tasking-views.dto';

/**
 * An NCA liaison adds and retires national priorities (a retired one keeps its code, so referrals aligned to it
 * still name it).
 */
@Injectable()
export class NationalPriorityCommandsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Adds a priority. Under an Idempotency-Key a repeat, even one sent while the first is still committing, answers
   * with the priority the key's first request added (found by the key, which the priority keeps) instead of
   * refusing its code as taken.
   */
  async create(
    actor: Actor,
    request: CreateNationalPriorityRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<NationalPriorityDto> {
    const keyId = idempotencyKey && `national-priority:${keyedUpdateId('priority', actor, idempotencyKey)}`;
    const added = async () =>
      keyId === undefined ? undefined : nationalQueries.findPriorityAddedUnder(this.dataSource.manager, keyId);
    return this.idempotency.once(
      keyId,
      request,
      async () => (await added()) !== undefined,
      async (repeat) => {
        const earlier = repeat ? await added() : undefined;
        return earlier ? toDto(earlier) : this.insert(actor, request, correlationId, keyId);
      },
    );
  }

  /** The new priority and its audit row; a code taken is refused, unless by the key's own first request. */
  private insert(
    actor: Actor,
    request: CreateNationalPriorityRequest,
    correlationId: string,
    keyId: string | undefined,
  ): Promise<NationalPriorityDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await nationalQueries.insertPriority(manager, {
        code: request.code,
        title: request.title,
        description: request.description ?? null,
        createdBySub: actor.sub,
        createdByKey: keyId ?? null,
      });
      if (!row) {
        // Taken by this key's own first request (a concurrent repeat that committed first): that one.
        const first = keyId && (await nationalQueries.findPriorityAddedUnder(manager, keyId));
        if (first) return toDto(first);
        throw new DomainError('ALREADY_EXISTS', `National priority ${request.code} already exists`, {
          // A rule message, in words for people (a form shows it as it is; "code ..." reads as a shape error).
          errors: [{ field: 'code', code: 'taken', message: 'A national priority already has this code' }],
        });
      }
      await appendActorAudit(manager, actor, {
        action: 'NATIONAL_PRIORITY_CREATED',
        entityType: 'national_priority',
        entityId: row.code,
        correlationId,
        details: { title: row.title },
      });
      return toDto(row);
    });
  }

  /** Retires a priority (404 when there is none); retiring a retired one changes nothing and answers it again. */
  async retire(actor: Actor, code: string, correlationId: string): Promise<NationalPriorityDto> {
    return this.dataSource.transaction(async (manager) => {
      const retired = await nationalQueries.retirePriority(manager, code, actor.sub);
      if (retired) {
        await appendActorAudit(manager, actor, {
          action: 'NATIONAL_PRIORITY_RETIRED',
          entityType: 'national_priority',
          entityId: code,
          correlationId,
        });
        return toDto(retired);
      }
      const existing = await nationalQueries.findPriority(manager, code);
      if (!existing) throw new DomainError('NOT_FOUND', `No national priority ${code}`);
      return toDto(existing);
    });
  }
}
