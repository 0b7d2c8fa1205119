import { Get, Render, Session } from '@nestjs/common';
import { ApiClient } from '../../api/api-client.service';
import type { WebSession } from '../../auth/web-session';
import { NationalPages } from '../journey-pages';
import type { NationalCalendar, NationalPriority, NationalReport } from './national-api';
import { calendarView, CalendarView, reportView, ReportView } from './national-rhythm.view-model';

/** The national rhythm (issue 16): every region's meetings, and what the regions decided against national priorities. */
@NationalPages('national')
export class NationalRhythmController {
  constructor(private readonly api: ApiClient) {}

  @Get('calendar')
  @Render('routes/national/calendar.njk')
  async calendar(@Session() session: WebSession): Promise<CalendarView> {
    return calendarView(await this.api.get<NationalCalendar>(session, '/national/calendar'));
  }

  @Get('report')
  @Render('routes/national/report.njk')
  async report(@Session() session: WebSession): Promise<ReportView> {
    const [report, priorities] = await Promise.all([
      this.api.get<NationalReport>(session, '/national/report'),
      this.api.get<{ items: NationalPriority[] }>(session, '/national/priorities'),
    ]);
    return reportView(report, priorities.items);
  }
}
