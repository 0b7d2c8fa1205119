import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, DomainError, meetingRegionOf } from '@rocu/domain';
import { DeviationReportDto } from './meeting-views.dto';

/**
 * Departures from the ranking over time for a region: how often, and which organisations' referrals were
 * adopted out of order or passed over, so prioritisation by relationships rather than harm shows up.
 */
@Injectable()
export class DeviationReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(actor: Actor): Promise<DeviationReportDto> {
    const region = meetingRegionOf(actor);
    if (!region) throw new DomainError('FORBIDDEN', 'The deviation report is for the staff of a region');
    const deviations = `SELECT d.* FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id
                         WHERE m.region = $1 AND jsonb_array_length(d.passed_over) > 0`;
    const [byMonth, adopted, passedOver] = await Promise.all([
      this.dataSource.query<{ month: string; deviations: number }[]>(
        `SELECT to_char(decided_at, 'YYYY-MM') AS month, count(*)::int AS deviations FROM (${deviations}) x GROUP BY 1 ORDER BY 1`,
        [region],
      ),
      this.dataSource.query<{ org: string; n: number }[]>(
        `SELECT r.owner_org AS org, count(*)::int AS n FROM (${deviations}) x JOIN referrals r ON r.id = x.referral_id GROUP BY 1`,
        [region],
      ),
      this.dataSource.query<{ org: string; n: number }[]>(
        `SELECT r.owner_org AS org, count(*)::int AS n FROM (${deviations}) x
           CROSS JOIN LATERAL jsonb_array_elements(x.passed_over) p JOIN referrals r ON r.id = (p->>'referralId')::uuid GROUP BY 1`,
        [region],
      ),
    ]);
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
