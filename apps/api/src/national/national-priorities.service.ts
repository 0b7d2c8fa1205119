import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError } from '@rocu/domain';
import { appendActorAudit, nationalQueries, NationalPriorityRow } from '@rocu/persistence';
import { CreateNationalPriorityRequest } from './national-tasking.dto';
import { NationalPrioritiesResponse, NationalPriorityDto } from './national-tasking-views.dto';

const toDto = (row: NationalPriorityRow): NationalPriorityDto => ({
  code: row.code,
  title: row.title,
  ...(row.description ? { description: row.description } : {}),
  createdAt: row.createdAt.toISOString(),
  retiredAt: row.retiredAt?.toISOString() ?? null,
});

/**
 * The national priorities (issue 16): reference data the NCA maintains. Everyone signed in reads them; an NCA
 * liaison adds and retires them (a retired one keeps its code, so referrals aligned to it still name it).
 */
@Injectable()
export class NationalPrioritiesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<NationalPrioritiesResponse> {
    const rows = await nationalQueries.priorities(this.dataSource);
    return { items: rows.map(toDto) };
  }

  /** The active priorities' codes, in order. */
  async activeCodes(): Promise<string[]> {
    const rows = await nationalQueries.activePriorityCodes(this.dataSource);
    return rows.map((row) => row.code);
  }

  /** A request against a priority that is not active is a bad field (400), nothing kept. */
  async requireActive(code: string): Promise<void> {
    if ((await this.activeCodes()).includes(code)) return;
    throw new DomainError('VALIDATION', `${code} is not an active national priority`, {
      errors: [
        {
          field: 'nationalPriority',
          code: 'unknown',
          message: 'nationalPriority must be an active national priority (GET /national/priorities)',
        },
      ],
    });
  }

  async create(
    actor: Actor,
    request: CreateNationalPriorityRequest,
    correlationId: string,
  ): Promise<NationalPriorityDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await nationalQueries.insertPriority(manager, {
        code: request.code,
        title: request.title,
        description: request.description ?? null,
        createdBySub: actor.sub,
      });
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
