import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError } from '@rocu/domain';
import { appendAudit } from '@rocu/persistence';
import { CreateNationalPriorityRequest } from './national-tasking.dto';
import { NationalPrioritiesResponse, NationalPriorityDto } from './national-tasking-views.dto';

interface PriorityRow {
  code: string;
  title: string;
  description: string | null;
  createdAt: Date;
  retiredAt: Date | null;
}

const COLUMNS = `code, title, description, created_at AS "createdAt", retired_at AS "retiredAt"`;

const toDto = (row: PriorityRow): NationalPriorityDto => ({
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
    const rows = await this.dataSource.query<PriorityRow[]>(`SELECT ${COLUMNS} FROM national_priorities ORDER BY code`);
    return { items: rows.map(toDto) };
  }

  /** The active priorities' codes, in order. */
  async activeCodes(): Promise<string[]> {
    const rows = await this.dataSource.query<{ code: string }[]>(
      `SELECT code FROM national_priorities WHERE retired_at IS NULL ORDER BY code`,
    );
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
      const [row] = await manager.query<PriorityRow[]>(
        `INSERT INTO national_priorities (code, title, description, created_by_sub) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
        [request.code, request.title, request.description ?? null, actor.sub],
      );
      if (!row) {
        throw new DomainError('ALREADY_EXISTS', `National priority ${request.code} already exists`, {
          errors: [{ field: 'code', code: 'taken', message: 'code is already used by a national priority' }],
        });
      }
      await appendAudit(manager, {
        actorSub: actor.sub,
        actorOrg: actor.org,
        action: 'NATIONAL_PRIORITY_CREATED',
        entityType: 'national_priority',
        entityId: row.code,
        outcome: 'SUCCESS',
        correlationId,
        details: { title: row.title },
      });
      return toDto(row);
    });
  }

  /** Retires a priority (404 when there is none); retiring a retired one changes nothing and answers it again. */
  async retire(actor: Actor, code: string, correlationId: string): Promise<NationalPriorityDto> {
    return this.dataSource.transaction(async (manager) => {
      // An UPDATE answers [rows, count].
      const [[retired]] = await manager.query<[PriorityRow[], number]>(
        `UPDATE national_priorities SET retired_at = now(), retired_by_sub = $2
          WHERE code = $1 AND retired_at IS NULL RETURNING ${COLUMNS}`,
        [code, actor.sub],
      );
      if (retired) {
        await appendAudit(manager, {
          actorSub: actor.sub,
          actorOrg: actor.org,
          action: 'NATIONAL_PRIORITY_RETIRED',
          entityType: 'national_priority',
          entityId: code,
          outcome: 'SUCCESS',
          correlationId,
        });
        return toDto(retired);
      }
      const [existing] = await manager.query<PriorityRow[]>(
        `SELECT ${COLUMNS} FROM national_priorities WHERE code = $1`,
        [code],
      );
      if (!existing) throw new DomainError('NOT_FOUND', `No national priority ${code}`);
      return toDto(existing);
    });
  }
}
