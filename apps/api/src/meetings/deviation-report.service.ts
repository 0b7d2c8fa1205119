import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError, meetingRegionOf } from '@rocu/domain';
import { deviationQueries } from '@rocu/persistence';
import { auditRegionRead } from '../audit/read-audit';
import { DeviationReportDto } from './meeting-views.dto';

/**
 * Departures from the ranking over time for a region: how often, and which organisations' referrals were
 * adopted out of order or passed over, so prioritisation by relationships rather than harm shows up.
 */
@Injectable()
export class DeviationReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(actor: Actor, correlationId: string): Promise<DeviationReportDto> {
    const region = meetingRegionOf(actor);
    if (!region) throw new DomainError('FORBIDDEN', 'The deviation report is for the staff of a region');
    const [byMonth, adopted, passedOver] = await Promise.all([
      deviationQueries.byMonth(this.dataSource, region),
      deviationQueries.adoptedByOrg(this.dataSource, region),
      deviationQueries.passedOverByOrg(this.dataSource, region),
    ]);
    await auditRegionRead(this.dataSource, actor, { action: 'DEVIATION_REPORT_VIEWED', region, correlationId });
    const orgs = [...new Set([...adopted, ...passedOver].map((row) => row.org))].sort();
    const count = (rows: { org: string; n: number }[], org: string) => rows.find((row) => row.org === org)?.n ?? 0;
    return {
      region,
      total: byMonth.reduce((sum, row) => sum + row.deviations, 0),
      byMonth,
      byOrganisation: orgs.map((org) => ({
        org,
        adoptedOutOfOrder: count(adopted, org),
        passedOver: count(passedOver, org),
      })),
    };
  }
}
