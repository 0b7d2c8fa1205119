import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  availableMeetingActions,
  DomainError,
  LIVE_TASKING_STATUSES,
  meetingScopes,
  MeetingStatus,
  MeetingType,
} from '@rocu/domain';
import type { AgendaItem } from '@rocu/contracts';
import { appendAudit, loadAgenda, loadFrozenAgenda, loadPartnerChecks } from '@rocu/persistence';
import { ListMeetingsQuery } from './meeting-requests.dto';
import { AgendaItemDto, MeetingDetailDto, MeetingListResponse, MeetingSummaryDto } from './meeting-views.dto';

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

interface DecisionRow {
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

interface AttendeeRow {
  sub: string;
  name: string;
  org: string;
  conflicts: string[];
}

const MEETING_COLUMNS = `id, workflow_id AS "workflowId", region, type, status, scheduled_for AS "scheduledFor",
  papers_close_at AS "papersCloseAt", agenda_frozen_at AS "agendaFrozenAt", closed_at AS "closedAt"`;

export const toMeetingSummary = (row: MeetingRow): MeetingSummaryDto => ({
  id: row.id,
  region: row.region,
  type: row.type,
  status: row.status,
  scheduledFor: row.scheduledFor.toISOString(),
  papersCloseAt: row.papersCloseAt.toISOString(),
});

/** The caller's meeting scopes as one SQL condition on `meetings m` (params appended), or null for none. */
function visibleTo(actor: Actor, params: unknown[]): string | null {
  const conditions = meetingScopes(actor).map((scope) => {
    switch (scope.kind) {
      case 'REGION':
        return `m.region = $${params.push(scope.region)}`;
      case 'ATTENDING':
        return `EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id
                  AND a.sub = $${params.push(scope.sub)} AND a.org = $${params.push(scope.org)})`;
    }
  });
  return conditions.length > 0 ? `(${conditions.join(' OR ')})` : null;
}

/** Read side of meetings: visible within the caller's region or to those attending; agendas provisional until the cut-off. */
@Injectable()
export class MeetingQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findVisible(actor: Actor, id: string): Promise<MeetingRow> {
    const params: unknown[] = [id];
    const visible = visibleTo(actor, params);
    const [row] = visible
      ? await this.dataSource.query<MeetingRow[]>(
          `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE id = $1 AND ${visible}`,
          params,
        )
      : [];
    if (!row) throw new DomainError('NOT_FOUND', `No meeting ${id} is visible to you`);
    return row;
  }

  async list(actor: Actor, query: ListMeetingsQuery): Promise<MeetingListResponse> {
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const params: unknown[] = [];
    const visible = visibleTo(actor, params);
    if (!visible) return empty;
    const where = [visible];
    if (query.region) where.push(`region = $${params.push(query.region)}`);
    if (query.type) where.push(`type = $${params.push(query.type)}`);
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM meetings m WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await this.dataSource.query<MeetingRow[]>(
      `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE ${where.join(' AND ')} ORDER BY scheduled_for, id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items: rows.map(toMeetingSummary), total, page: query.page, pageSize: query.pageSize };
  }

  /** The meeting with its agenda; the referrals it showed are audited with the read. */
  async detail(actor: Actor, id: string, correlationId: string): Promise<MeetingDetailDto> {
    const meeting = await this.findVisible(actor, id);
    const [agenda, decisions, attendees, reviews] = await Promise.all([
      this.agenda(meeting),
      this.decisions(id),
      this.attendees(id),
      // Live taskings come back for review while a meeting runs; a closed meeting shows none (not today's).
      meeting.closedAt === null ? this.reviews(meeting.region) : Promise.resolve([]),
    ]);
    await appendAudit(this.dataSource.manager, {
      actorSub: actor.sub,
      actorOrg: actor.org,
      action: 'MEETING_VIEWED',
      entityType: 'meeting',
      entityId: id,
      outcome: 'SUCCESS',
      correlationId,
      details: { ids: [...agenda.map((item) => item.referralId), ...reviews.map((review) => review.referralId)] },
    });
    const decided = new Map(decisions.map((decision) => [decision.referralId, decision]));
    const partnerChecks = await loadPartnerChecks(
      this.dataSource.manager,
      agenda.map((item) => item.referralId),
    );
    const items: AgendaItemDto[] = agenda.map((item) => ({
      ...item,
      partnerChecks: partnerChecks.get(item.referralId) ?? [],
      breakdown: item.breakdown as object,
      recusedMembers: attendees
        .filter((attendee) => attendee.conflicts.includes(item.referralId))
        .map((attendee) => attendee.sub),
      ...(decided.has(item.referralId) ? { decision: decided.get(item.referralId) } : {}),
    }));
    return {
      ...toMeetingSummary(meeting),
      agendaFrozen: meeting.agendaFrozenAt !== null,
      agenda: items,
      reviews,
      attendees,
      decisions,
      deviations: decisions.filter((decision) => decision.passedOver.length > 0),
      availableActions: availableMeetingActions(
        { id: meeting.id, region: meeting.region, type: meeting.type, status: meeting.status, chairSub: null },
        actor,
      ),
    };
  }

  /** The referrals this meeting deals with: its agenda items and the region's live taskings under review. */
  async itemIds(meeting: MeetingRow): Promise<Set<string>> {
    const [agenda, reviews] = await Promise.all([this.agenda(meeting), this.reviews(meeting.region)]);
    return new Set([...agenda.map((item) => item.referralId), ...reviews.map((review) => review.referralId)]);
  }

  /** The frozen agenda after the cut-off; before it, the live ranking (provisional). */
  async agenda(meeting: MeetingRow): Promise<AgendaItem[]> {
    return meeting.agendaFrozenAt === null
      ? (await loadAgenda(this.dataSource.manager, meeting.region, meeting.type)).items
      : loadFrozenAgenda(this.dataSource.manager, meeting.id);
  }

  decisions(meetingId: string): Promise<DecisionRow[]> {
    return this.dataSource.query<DecisionRow[]>(
      `SELECT referral_id AS "referralId", decision, rationale, deviation_justification AS "deviationJustification",
              decline_justification AS "declineJustification", onward_reference AS "onwardReference",
              passed_over AS "passedOver", ratification, ratification_outcome AS "ratificationOutcome",
              overturned_decision AS "overturnedDecision", decided_by_sub AS "decidedBySub", decided_by_name AS "decidedByName",
              decided_at AS "decidedAt"
         FROM meeting_decisions WHERE meeting_id = $1 ORDER BY seq`,
      [meetingId],
    );
  }

  attendees(meetingId: string): Promise<AttendeeRow[]> {
    return this.dataSource.query<AttendeeRow[]>(
      `SELECT sub, name, org, conflicts FROM meeting_attendees WHERE meeting_id = $1 ORDER BY name`,
      [meetingId],
    );
  }

  /** The region's live taskings, which come back to its meetings for review. */
  private reviews(region: string): Promise<{ referralId: string; reference: string; status: string }[]> {
    return this.dataSource.query(
      `SELECT id AS "referralId", reference, status, priority, risk_score::float AS "riskScore" FROM referrals
        WHERE region = $1 AND status = ANY($2::text[]) ORDER BY priority NULLS LAST, risk_score DESC`,
      [region, LIVE_TASKING_STATUSES],
    );
  }
}
