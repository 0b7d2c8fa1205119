import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, calendarEntryOf, DomainError, LAST_INSTANT_MS, nationalReport } from '@rocu/domain';
import { appendActorAudit, nationalQueries } from '@rocu/persistence';
import { NationalPrioritiesService } from './national-priorities.service';
import { NationalCalendarQuery } from './national-tasking.dto';
import { NationalCalendarResponse, NationalDeclineDto, NationalReportResponse } from './national-tasking-views.dto';

const DAY_MS = 86_400_000;
const DEFAULT_WINDOW_DAYS = 180;
const MAX_WINDOW_DAYS = 366;

/**
 * The national rhythm (issue 16), for the NCA liaison: every region's meetings on one calendar (covert ones
 * without their detail), and per region what is awaiting decision, adopted and declined against each national
 * priority: counts only, except the declines of the NCA's own tasking requests, which are the NCA's to see.
 */
@Injectable()
export class NationalRhythmService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly priorities: NationalPrioritiesService,
  ) {}

  async calendar(actor: Actor, query: NationalCalendarQuery, correlationId: string): Promise<NationalCalendarResponse> {
    const from = query.from ? new Date(query.from) : new Date();
    const to = new Date(query.to ?? Math.min(from.getTime() + DEFAULT_WINDOW_DAYS * DAY_MS, LAST_INSTANT_MS));
    const span = to.getTime() - from.getTime();
    if (span < 0 || span > MAX_WINDOW_DAYS * DAY_MS) {
      throw new DomainError('VALIDATION', 'The calendar window must run forwards, at most 366 days', {
        errors: [{ field: 'to', code: 'out_of_range', message: 'to must be after from, at most 366 days on' }],
      });
    }
    const rows = await nationalQueries.meetingsBetween(this.dataSource, from.toISOString(), to.toISOString());
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'NATIONAL_CALENDAR_VIEWED',
      entityType: 'meeting',
      entityId: null,
      correlationId,
      details: { from: from.toISOString(), to: to.toISOString(), count: rows.length },
    });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      items: rows.map((row) =>
        calendarEntryOf({
          ...row,
          scheduledFor: row.scheduledFor.toISOString(),
          papersCloseAt: row.papersCloseAt.toISOString(),
        }),
      ),
    };
  }

  async report(actor: Actor, correlationId: string): Promise<NationalReportResponse> {
    const [regions, priorities, counts, declines] = await Promise.all([
      nationalQueries.rocuRegions(this.dataSource),
      this.priorities.activeCodes(),
      nationalQueries.alignedCounts(this.dataSource),
      this.ownDeclines(actor),
    ]);
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'NATIONAL_REPORT_VIEWED',
      entityType: 'referral',
      entityId: null,
      correlationId,
      details: { ids: declines.map((decline) => decline.referralId) },
    });
    return {
      rows: nationalReport(
        regions.map((region) => region.code),
        priorities,
        counts,
      ),
      declines,
    };
  }

  /** Declines of tasking requests the caller's organisation made: its own referrals, so seen in full. */
  private async ownDeclines(actor: Actor): Promise<NationalDeclineDto[]> {
    const rows = await nationalQueries.declinesOfOrg(this.dataSource, actor.org);
    return rows.map((row) => ({ ...row, decidedAt: row.decidedAt.toISOString() }));
  }
}
