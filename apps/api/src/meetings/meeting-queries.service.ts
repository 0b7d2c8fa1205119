import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, availableMeetingActions, DomainError } from '@rocu/domain';
import type { AgendaItem, UrgentlyDecidedItem } from '@rocu/contracts';
import {
  appendActorAudit,
  loadAgenda,
  loadFrozenAgenda,
  loadPartnerChecks,
  MeetingAttendeeRow,
  MeetingDecisionRow,
  meetingQueries,
  MeetingReviewRow,
  MeetingRow,
} from '@rocu/persistence';
import { auditPageRead } from '../audit/read-audit';
import { ListMeetingsQuery } from './meeting-requests.dto';
import { AgendaItemDto, MeetingDetailDto, MeetingListResponse, MeetingSummaryDto } from './meeting-views.dto';

export const toMeetingSummary = (row: MeetingRow): MeetingSummaryDto => ({
  id: row.id,
  region: row.region,
  type: row.type,
  status: row.status,
  scheduledFor: row.scheduledFor.toISOString(),
  papersCloseAt: row.papersCloseAt.toISOString(),
});

/** Read side of meetings: visible within the caller's region or to those attending; agendas provisional until the cut-off. */
@Injectable()
export class MeetingQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findVisible(actor: Actor, id: string): Promise<MeetingRow> {
    const row = await meetingQueries.findVisible(this.dataSource, actor, id);
    if (!row) throw new DomainError('NOT_FOUND', `No meeting ${id} is visible to you`);
    return row;
  }

  /** The meetings the caller may see; the read is audited, an empty one too. */
  async list(actor: Actor, query: ListMeetingsQuery, correlationId: string): Promise<MeetingListResponse> {
    const { rows, total } = (await meetingQueries.listPage(this.dataSource, actor, query)) ?? { rows: [], total: 0 };
    const items = rows.map(toMeetingSummary);
    const ids = items.map((item) => item.id);
    await auditPageRead(this.dataSource, actor, {
      action: 'MEETINGS_LISTED',
      entityType: 'meeting',
      correlationId,
      ids,
      total,
      page: query,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** The meeting with its agenda; the referrals it showed are audited with the read. */
  async detail(actor: Actor, id: string, correlationId: string): Promise<MeetingDetailDto> {
    const meeting = await this.findVisible(actor, id);
    const [agenda, decisions, attendees, reviews, settled] = await Promise.all([
      this.agenda(meeting),
      this.decisions(id),
      this.attendees(id),
      // Live taskings come back for review while a meeting runs; a closed meeting shows none (not today's).
      meeting.closedAt === null ? this.reviews(meeting) : Promise.resolve([]),
      this.settledElsewhere(meeting),
    ]);
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'MEETING_VIEWED',
      entityType: 'meeting',
      entityId: id,
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
      settledElsewhere: settled.has(item.referralId),
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
    const [agenda, reviews] = await Promise.all([this.agenda(meeting), this.reviews(meeting)]);
    return new Set([...agenda.map((item) => item.referralId), ...reviews.map((review) => review.referralId)]);
  }

  /**
   * The frozen agenda after the cut-off, its new items decided urgently since then shown as the ratifications
   * they have become (after the ranked items); before it, the live ranking (provisional).
   */
  async agenda(meeting: MeetingRow): Promise<AgendaItem[]> {
    if (meeting.agendaFrozenAt === null) {
      return (await loadAgenda(this.dataSource.manager, meeting.region, meeting.type)).items;
    }
    const [frozen, urgent] = await Promise.all([
      loadFrozenAgenda(this.dataSource.manager, meeting.id),
      this.urgentlyDecided(meeting),
    ]);
    const decided = new Map(urgent.map((item) => [item.referralId, item.urgentDecision]));
    const items = frozen.map((item): AgendaItem => {
      const urgentDecision = decided.get(item.referralId);
      return urgentDecision ? { ...item, kind: 'RATIFICATION', rank: 0, urgentDecision } : item;
    });
    return [...items.filter((item) => item.kind === 'NEW'), ...items.filter((item) => item.kind !== 'NEW')];
  }

  /** New items of the frozen agenda decided urgently since the freeze (see meetingQueries.urgentlyDecided). */
  urgentlyDecided(meeting: MeetingRow): Promise<UrgentlyDecidedItem[]> {
    return meeting.agendaFrozenAt === null
      ? Promise.resolve([])
      : meetingQueries.urgentlyDecided(this.dataSource, meeting.id);
  }

  /** Items the frozen agenda lists that left the meeting undecided (before the cut-off, the agenda has none). */
  settledElsewhere(meeting: MeetingRow): Promise<Set<string>> {
    return meeting.agendaFrozenAt === null
      ? Promise.resolve(new Set())
      : meetingQueries.settledElsewhere(this.dataSource, meeting.id);
  }

  decisions(meetingId: string): Promise<MeetingDecisionRow[]> {
    return meetingQueries.decisions(this.dataSource, meetingId);
  }

  attendees(meetingId: string): Promise<MeetingAttendeeRow[]> {
    return meetingQueries.attendees(this.dataSource, meetingId);
  }

  /** The region's live taskings that come back to this meeting for review. */
  private reviews(meeting: MeetingRow): Promise<MeetingReviewRow[]> {
    return meetingQueries.reviews(this.dataSource, meeting.region, meeting.type);
  }
}
