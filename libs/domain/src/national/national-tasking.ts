import type { MeetingDecision, MeetingType } from '../meetings/meeting-types';
import { AWAITING_MEETING_STATUSES, LIVE_TASKING_STATUSES, type ReferralStatus } from '../referral/referral-status';

/** Where a referral came from: the ordinary intake, or a tasking request the NCA put to a region (issue 16). */
export const REFERRAL_ORIGINS = ['REFERRAL', 'NCA_TASKING'] as const;
export type ReferralOrigin = (typeof REFERRAL_ORIGINS)[number];

/** A national priority's code: reference data the NCA maintains, so short upper-case words (e.g. `COUNTY_LINES`). */
export const NATIONAL_PRIORITY_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

/** A missing or bad field, named so the API can answer 400 with it. */
export interface FieldRefusal {
  field: string;
  code: string;
  message: string;
}

/**
 * Declining a tasking request the NCA made needs a justification of its own (besides the decision's rationale):
 * declines are reported nationally, so the NCA reads why. Any other decision, or any other item, needs none.
 */
export function nationalDeclineRefusal(
  item: { origin?: ReferralOrigin },
  decision: MeetingDecision,
  declineJustification: string | undefined,
): FieldRefusal | null {
  if (item.origin !== 'NCA_TASKING' || decision !== 'DECLINE_RETURN_TO_FORCE') return null;
  if ((declineJustification ?? '').trim().length > 0) return null;
  return {
    field: 'declineJustification',
    code: 'required',
    message: 'declining a national tasking request needs a justification (declines are reported to the NCA)',
  };
}

/**
 * A tasking request the NCA made is declined only by a meeting, with the justification above: not out of meeting,
 * nor by an assessment returning it to a force (the NCA is none). The reason, or null where the move may be made.
 */
export function nationalDeclineOutsideMeetingRefusal(
  item: { origin?: ReferralOrigin },
  to: ReferralStatus,
): string | null {
  if (item.origin !== 'NCA_TASKING' || to !== 'DECLINED') return null;
  return 'A tasking request from the NCA is declined only by a meeting, with a justification the NCA reads (declines are reported to it); list it at the next meeting.';
}

/** The national report's columns: what a region has yet to decide, has taken on, and has declined. */
export type NationalOutcome = 'AWAITING_DECISION' | 'ADOPTED' | 'DECLINED';

/** Which column a referral counts in, or null (withdrawn, rejected, referred on, or not yet assessed). */
export function nationalOutcomeOf(status: ReferralStatus): NationalOutcome | null {
  if (AWAITING_MEETING_STATUSES.includes(status)) return 'AWAITING_DECISION';
  if (LIVE_TASKING_STATUSES.includes(status) || status === 'CLOSED') return 'ADOPTED';
  if (status === 'DECLINED') return 'DECLINED';
  return null;
}

export interface NationalReportRow {
  region: string;
  nationalPriority: string;
  awaitingDecision: number;
  adopted: number;
  declined: number;
}

/**
 * Counts per region and national priority (counts only: no content), ordered by region then priority. Every
 * region and every priority given appears, with zeros where nothing is aligned, so the grid is complete.
 */
export function nationalReport(
  regions: readonly string[],
  priorities: readonly string[],
  /** Aligned referrals counted by region, priority and status (as the database groups them). */
  counts: readonly { region: string; nationalPriority: string; status: ReferralStatus; count: number }[],
): NationalReportRow[] {
  const key = (region: string, priority: string) => `${region}\u0000${priority}`;
  const rows = new Map<string, NationalReportRow>();
  for (const region of [...regions].sort())
    for (const nationalPriority of [...priorities].sort())
      rows.set(key(region, nationalPriority), {
        region,
        nationalPriority,
        awaitingDecision: 0,
        adopted: 0,
        declined: 0,
      });
  for (const { region, nationalPriority, status, count } of counts) {
    const row = rows.get(key(region, nationalPriority));
    const outcome = nationalOutcomeOf(status);
    if (!row || outcome === null) continue;
    if (outcome === 'AWAITING_DECISION') row.awaitingDecision += count;
    else if (outcome === 'ADOPTED') row.adopted += count;
    else row.declined += count;
  }
  return [...rows.values()];
}

export interface CalendarMeeting {
  id: string;
  region: string;
  type: MeetingType;
  scheduledFor: string;
  papersCloseAt: string;
  status: string;
}

/** A national calendar entry: a covert meeting shows only that the region meets, and when (domain.md section 8). */
export type CalendarEntry =
  (CalendarMeeting & { type: 'TTCG' }) | { region: string; type: 'COVERT_COMMISSIONING'; scheduledFor: string };

/**
 * What the national calendar may say about a meeting. A covert commissioning meeting's existence and date
 * help align national and regional tasking; its id (the way to its agenda), paper cut-off and state do not.
 */
export function calendarEntryOf(meeting: CalendarMeeting): CalendarEntry {
  if (meeting.type === 'COVERT_COMMISSIONING') {
    return { region: meeting.region, type: 'COVERT_COMMISSIONING', scheduledFor: meeting.scheduledFor };
  }
  return { ...meeting, type: 'TTCG' };
}
