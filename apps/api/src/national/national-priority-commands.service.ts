import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError } from '@rocu/domain';
import { appendActorAudit, nationalQueries, NationalPriorityRow } from '@rocu/persistence';
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
   * Adds a priority. Under an Idempotency-Key a repeat answers with the priority the person's first request added
   * (as first answered, or as it now stands if that answer was never recorded or the first was still committing)
   * instead of refusing its code as taken.
   */
  async create(
    actor: Actor,
    request: CreateNationalPriorityRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<NationalPriorityDto> {
    const keyId = idempotencyKey && `national-priority:${keyedUpdateId('priority', actor, idempotencyKey)}`;
    const added = async () => {
      const row = await nationalQueries.findPriority(this.dataSource.manager, request.code);
      return row?.createdBySub === actor.sub ? row : undefined;
    };
    return this.idempotency.once(
      keyId,
      request,
      async () => (await added()) !== undefined,
      async (repeat) => {
        const earlier = repeat ? await added() : undefined;
        return earlier ? toDto(earlier) : this.insert(actor, request, correlationId, repeat ? added : undefined);
      },
    );
  }

  /** The new priority and its audit row; a code taken is refused, unless by the repeat's own first request. */
  private insert(
    actor: Actor,
    request: CreateNationalPriorityRequest,
    correlationId: string,
    addedByFirst?: () => Promise<NationalPriorityRow | undefined>,
  ): Promise<NationalPriorityDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await nationalQueries.insertPriority(manager, {
        code: request.code,
        title: request.title,
        description: request.description ?? null,
        createdBySub: actor.sub,
      });
      const first = row ? undefined : await addedByFirst?.();
      if (first) return toDto(first);
      if (!row) {
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
