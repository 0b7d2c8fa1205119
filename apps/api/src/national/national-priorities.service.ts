import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@rocu/domain';
import { nationalQueries, NationalPriorityRow } from '@rocu/persistence';
import { NationalPrioritiesResponse, NationalPriorityDto } from './national-tasking-views.dto';

/** A priority as the API shows it. */
export const toDto = (row: NationalPriorityRow): NationalPriorityDto => ({
  code: row.code,
  title: row.title,
  ...(row.description ? { description: row.description } : {}),
  createdAt: row.createdAt.toISOString(),
  retiredAt: row.retiredAt?.toISOString() ?? null,
});

/**
 * The national priorities (issue 16): reference data the NCA maintains. Everyone signed in reads them; an NCA
 * liaison adds and retires them (NationalPriorityCommandsService).
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
}
