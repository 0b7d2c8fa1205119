import type { DataSource } from 'typeorm';
import type { Actor, MeetingStatus, MeetingType, ReferralOrigin } from '@rocu/domain';
import {
  LIVE_TASKING_STATUSES,
  meetingScopes,
  SETTLED_ONCE_RATIFIED_STATUSES,
  SETTLED_STATUSES,
  UK_TIME_ZONE,
  URGENTLY_DECIDED_STATUSES,
} from '@rocu/domain';
import type { UrgentlyDecidedItem } from '@rocu/contracts';

export interface MeetingRow {
  id: string;
  workflowId: string;
  region: string;
  type: MeetingType;
  status: MeetingStatus;
  scheduledFor: Date;
  papersCloseAt: Date;
  agendaFrozenAt: Date | null;
  closedAt: Date | null;
}

export interface MeetingDecisionRow {
  referralId: string;
  decision: string;
  rationale: string;
  deviationJustification: string | null;
  declineJustification: string | null;
  onwardReference: string | null;
  passedOver: { referralId: string; rank: number; outcome: string }[];
  ratification: boolean;
  ratificationOutcome: string | null;
  overturnedDecision: string | null;
  decidedBySub: string;
  decidedByName: string;
  decidedAt: Date;
}

export interface MeetingAttendeeRow {
  sub: string;
  name: string;
  org: string;
  conflicts: string[];
}

export interface MeetingReviewRow {
  referralId: string;
  reference: string;
  status: string;
}

export interface MeetingListFilters {
  region?: string;
  type?: MeetingType;
  status?: MeetingStatus;
  page: number;
  pageSize: number;
}

const MEETING_COLUMNS = `id, workflow_id AS "workflowId", region, type, status, scheduled_for AS "scheduledFor",
  papers_close_at AS "papersCloseAt", agenda_frozen_at AS "agendaFrozenAt", closed_at AS "closedAt"`;

/** The caller's meeting scopes as one SQL condition on `meetings m` (params appended), or null for none. */
function visibleTo(actor: Actor, params: unknown[]): string | null {
  const conditions = meetingScopes(actor).map((scope) => {
    switch (scope.kind) {
      case 'REGION':
        return `m.region = $${params.push(scope.region)}`;
      case 'ATTENDING':
        return `EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id
                  AND a.sub = $${params.push(scope.sub)} AND a.org = $${params.push(scope.org)} AND NOT a.removed)`;
    }
  });
  return conditions.length > 0 ? `(${conditions.join(' OR ')})` : null;
}

/** Meetings' reads, each within the caller's meeting scopes where it names a caller. */
export const meetingQueries = {
  /** The meeting if the caller may see it. */
  async findVisible(dataSource: DataSource, actor: Actor, id: string): Promise<MeetingRow | undefined> {
    const params: unknown[] = [id];
    const visible = visibleTo(actor, params);
    const [row] = visible
      ? await dataSource.query<MeetingRow[]>(
          `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE id = $1 AND ${visible}`,
          params,
        )
      : [];
    return row;
  },

  /** A page of the meetings the caller may see, soonest first, and how many match; null when they see none. */
  async listPage(
    dataSource: DataSource,
    actor: Actor,
    filters: MeetingListFilters,
  ): Promise<{ rows: MeetingRow[]; total: number } | null> {
    const params: unknown[] = [];
    const visible = visibleTo(actor, params);
    if (!visible) return null;
    const where = [visible];
    if (filters.region) where.push(`region = $${params.push(filters.region)}`);
    if (filters.type) where.push(`type = $${params.push(filters.type)}`);
    if (filters.status) where.push(`status = $${params.push(filters.status)}`);
    const [{ total }] = await dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM meetings m WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await dataSource.query<MeetingRow[]>(
      `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE ${where.join(' AND ')} ORDER BY scheduled_for, id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filters.pageSize, (filters.page - 1) * filters.pageSize],
    );
    return { rows, total };
  },

  decisions(dataSource: DataSource, meetingId: string): Promise<MeetingDecisionRow[]> {
    return dataSource.query<MeetingDecisionRow[]>(
      `SELECT referral_id AS "referralId", decision, rationale, deviation_justification AS "deviationJustification",
              decline_justification AS "declineJustification", onward_reference AS "onwardReference",
              passed_over AS "passedOver", ratification, ratification_outcome AS "ratificationOutcome",
              overturned_decision AS "overturnedDecision", decided_by_sub AS "decidedBySub", decided_by_name AS "decidedByName",
              decided_at AS "decidedAt"
         FROM meeting_decisions WHERE meeting_id = $1 ORDER BY seq`,
      [meetingId],
    );
  },

  attendees(dataSource: DataSource, meetingId: string): Promise<MeetingAttendeeRow[]> {
    return dataSource.query<MeetingAttendeeRow[]>(
      `SELECT sub, name, org, conflicts FROM meeting_attendees WHERE meeting_id = $1 AND NOT removed ORDER BY name`,
      [meetingId],
    );
  },

  /**
   * The region's live taskings that come back to meetings of this type for review: those its latest assessment
   * routed there (a covert tasking to covert commissioning only, as its agenda item was).
   */
  reviews(dataSource: DataSource, region: string, type: MeetingType): Promise<MeetingReviewRow[]> {
    return dataSource.query(
      `SELECT r.id AS "referralId", r.reference, r.status, r.priority, r.risk_score::float AS "riskScore" FROM referrals r
         JOIN LATERAL (SELECT route FROM assessments WHERE referral_id = r.id ORDER BY seq DESC LIMIT 1) a ON true
        WHERE r.region = $1 AND r.status = ANY($2::text[]) AND a.route = $3
        ORDER BY r.priority NULLS LAST, r.risk_score DESC`,
      [region, LIVE_TASKING_STATUSES, type],
    );
  },

  /**
   * The frozen agenda's new items this meeting has not decided whose referral has left meetings' hands for good
   * (withdrawn, or decided outside the meeting; SETTLED_STATUSES): the meeting can no longer decide them. Once
   * it is closed, those its close found (what happens to its undecided items later is not this meeting's).
   */
  async settledElsewhere(dataSource: DataSource, meetingId: string): Promise<Set<string>> {
    const rows = await dataSource.query<{ referralId: string }[]>(
      `SELECT i.referral_id AS "referralId"
         FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id JOIN referrals r ON r.id = i.referral_id
        WHERE i.meeting_id = $1 AND i.kind = 'NEW'
          AND NOT EXISTS (SELECT 1 FROM meeting_decisions d WHERE d.meeting_id = $1 AND d.referral_id = i.referral_id)
          AND CASE WHEN m.closed_at IS NOT NULL THEN i.settled_elsewhere
                   ELSE (r.status = ANY($2::text[]) OR r.status = ANY($3::text[]))
                        -- not while an urgent decision (a referral to a partner too) awaits this meeting's ratification
                        AND NOT (r.status = ANY($4::text[]) AND r.urgent_decision_at IS NOT NULL
                                 AND r.ratified_in_meeting IS NULL) END`,
      [meetingId, SETTLED_STATUSES, SETTLED_ONCE_RATIFIED_STATUSES, URGENTLY_DECIDED_STATUSES],
    );
    return new Set(rows.map((row) => row.referralId));
  },

  /**
   * The frozen agenda's new items decided urgently out of the meeting since the freeze, each with that decision:
   * those it ratified or overturned; while it is open, the others whose urgent decision awaits ratification; once
   * closed, the others decided urgently between its freeze and its close (they roll to the next meeting). This
   * meeting, the next of its type, ratifies them.
   */
  async urgentlyDecided(dataSource: DataSource, meetingId: string): Promise<UrgentlyDecidedItem[]> {
    return dataSource.query<UrgentlyDecidedItem[]>(
      `SELECT i.referral_id AS "referralId",
              CASE WHEN d.referral_id IS NOT NULL THEN coalesce(d.overturned_decision, d.decision)
                   ELSE r.urgent_decision END AS "urgentDecision"
         FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id JOIN referrals r ON r.id = i.referral_id
         LEFT JOIN meeting_decisions d ON d.meeting_id = i.meeting_id AND d.referral_id = i.referral_id
        WHERE i.meeting_id = $1 AND i.kind = 'NEW'
          AND CASE WHEN d.referral_id IS NOT NULL THEN d.ratification
                   WHEN m.closed_at IS NOT NULL THEN r.urgent_decision_at > m.agenda_frozen_at
                        AND r.urgent_decision_at <= m.closed_at AND r.urgent_decision IS NOT NULL
                   ELSE r.urgent_decision_at IS NOT NULL AND r.ratified_in_meeting IS NULL
                        AND r.status = ANY($2::text[]) END
        ORDER BY r.urgent_decision_at, i.referral_id`,
      [meetingId, URGENTLY_DECIDED_STATUSES],
    );
  },

  /** The origin of the referral, if it is in the region. */
  async referralOrigin(
    dataSource: DataSource,
    referralId: string,
    region: string,
  ): Promise<{ origin: ReferralOrigin } | undefined> {
    const [referral] = await dataSource.query<{ origin: ReferralOrigin }[]>(
      `SELECT origin FROM referrals WHERE id = $1 AND region = $2`,
      [referralId, region],
    );
    return referral;
  },
};

/** Decisions in the region that departed from the ranking (passed a referral over). */
const DEVIATIONS = `SELECT d.* FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id
                         WHERE m.region = $1 AND jsonb_array_length(d.passed_over) > 0`;

/** The region's departures from the ranking, counted over time and by organisation. */
export const deviationQueries = {
  /** Months as the UK counts them: a decision at 00:30 BST on the 1st is in that month, not the one before. */
  byMonth(dataSource: DataSource, region: string): Promise<{ month: string; deviations: number }[]> {
    return dataSource.query<{ month: string; deviations: number }[]>(
      `SELECT to_char(decided_at AT TIME ZONE $2, 'YYYY-MM') AS month, count(*)::int AS deviations
         FROM (${DEVIATIONS}) x GROUP BY 1 ORDER BY 1`,
      [region, UK_TIME_ZONE],
    );
  },

  /** Per referring organisation, its referrals adopted out of order. */
  adoptedByOrg(dataSource: DataSource, region: string): Promise<{ org: string; n: number }[]> {
    return dataSource.query<{ org: string; n: number }[]>(
      `SELECT r.owner_org AS org, count(*)::int AS n FROM (${DEVIATIONS}) x JOIN referrals r ON r.id = x.referral_id GROUP BY 1`,
      [region],
    );
  },

  /** Per referring organisation, its referrals passed over. */
  passedOverByOrg(dataSource: DataSource, region: string): Promise<{ org: string; n: number }[]> {
    return dataSource.query<{ org: string; n: number }[]>(
      `SELECT r.owner_org AS org, count(*)::int AS n FROM (${DEVIATIONS}) x
           CROSS JOIN LATERAL jsonb_array_elements(x.passed_over) p JOIN referrals r ON r.id = (p->>'referralId')::uuid GROUP BY 1`,
      [region],
    );
  },
};
