import { organisationName } from '../../auth/dev-personas';
import { meetingStatusTag, meetingTypeLabel, StatusTag } from '../../presentation/status-tag';
import type { NationalCalendar, NationalPriority, NationalReport } from './national-api';

export interface CalendarView {
  pageTitle: string;
  contentWidth: 'full';
  from: string;
  to: string;
  rows: { scheduledFor: string; region: string; type: string; papersCloseAt?: string; status?: StatusTag }[];
}

/** Every region's meetings, soonest first as the API sends them; a covert one is its region and date only. */
export function calendarView(calendar: NationalCalendar): CalendarView {
  return {
    pageTitle: 'National calendar',
    contentWidth: 'full',
    from: calendar.from,
    to: calendar.to,
    rows: calendar.items.map((item) => ({
      scheduledFor: item.scheduledFor,
      region: organisationName(item.region),
      type: meetingTypeLabel(item.type),
      papersCloseAt: item.papersCloseAt,
      status: item.status ? meetingStatusTag(item.status) : undefined,
    })),
  };
}

/** The three counts the report compares, in the order the chart stacks them. */
export const OUTCOMES = [
  { key: 'awaitingDecision', label: 'Awaiting decision', className: 'app-chart__bar--awaiting' },
  { key: 'adopted', label: 'Adopted', className: 'app-chart__bar--adopted' },
  { key: 'declined', label: 'Declined', className: 'app-chart__bar--declined' },
] as const;
type Counts = Record<(typeof OUTCOMES)[number]['key'], number>;

/** The chart's drawing width for the largest region's total (SVG user units; the bars scale to it). */
const BAR_WIDTH = 300;

export interface ReportView {
  pageTitle: string;
  contentWidth: 'full';
  outcomes: typeof OUTCOMES;
  regions: (Counts & {
    region: string;
    total: number;
    bars: { className: string; x: number; width: number }[];
  })[];
  chartHeight: number;
  rows: (Counts & { region: string; priority: string })[];
  declines: {
    reference: string;
    region: string;
    priority: string;
    decidedAt: string;
    rationale: string;
    declineJustification: string;
  }[];
}

const sum = (rows: readonly Counts[]): Counts => ({
  awaitingDecision: rows.reduce((total, row) => total + row.awaitingDecision, 0),
  adopted: rows.reduce((total, row) => total + row.adopted, 0),
  declined: rows.reduce((total, row) => total + row.declined, 0),
});

/**
 * The national report: per region the counts against national priorities, drawn as stacked bars with the
 * same numbers in the table beside them (the table is what a screen reader reads); then per region and
 * priority; then the declines of the NCA's own requests with the meeting's justification.
 */
export function reportView(report: NationalReport, priorities: readonly NationalPriority[]): ReportView {
  const priorityName = (code: string) => priorities.find((priority) => priority.code === code)?.title ?? code;
  const regionCodes = [...new Set(report.rows.map((row) => row.region))];
  const totals = regionCodes.map((region) => ({
    region,
    ...sum(report.rows.filter((row) => row.region === region)),
  }));
  const largest = Math.max(1, ...totals.map((row) => row.awaitingDecision + row.adopted + row.declined));
  return {
    pageTitle: 'National report',
    contentWidth: 'full',
    outcomes: OUTCOMES,
    regions: totals.map((row) => {
      let x = 0;
      const bars = OUTCOMES.map(({ key, className }) => {
        const width = (row[key] / largest) * BAR_WIDTH;
        const bar = { className, x, width };
        x += width;
        return bar;
      }).filter((bar) => bar.width > 0);
      return {
        ...row,
        region: organisationName(row.region),
        total: row.awaitingDecision + row.adopted + row.declined,
        bars,
      };
    }),
    chartHeight: totals.length * 40,
    rows: report.rows
      .filter((row) => row.awaitingDecision + row.adopted + row.declined > 0)
      .map((row) => ({ ...row, region: organisationName(row.region), priority: priorityName(row.nationalPriority) })),
    declines: report.declines.map((decline) => ({
      reference: decline.reference,
      region: organisationName(decline.region),
      priority: priorityName(decline.nationalPriority),
      decidedAt: decline.decidedAt,
      rationale: decline.rationale,
      declineJustification: decline.declineJustification,
    })),
  };
}
