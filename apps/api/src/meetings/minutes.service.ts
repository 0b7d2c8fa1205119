import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@rocu/domain';
import type { Minutes } from '@rocu/contracts';
import { appendActorAudit } from '@rocu/persistence';
import { MeetingQueriesService } from './meeting-queries.service';
import { highestClassification } from './minutes';

/** The decision log of a meeting, assembled from its agenda, attendance and decisions; each export is audited. */
@Injectable()
export class MinutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingQueriesService,
  ) {}

  async minutes(actor: Actor, id: string, correlationId: string): Promise<Minutes> {
    const meeting = await this.meetings.findVisible(actor, id);
    const [agenda, decisions, attendees, settled] = await Promise.all([
      this.meetings.agenda(meeting),
      this.meetings.decisions(id),
      this.meetings.attendees(id),
      this.meetings.settledElsewhere(meeting),
    ]);
    const references = new Map(agenda.map((item) => [item.referralId, item.reference]));
    const decided = new Map(decisions.map((decision) => [decision.referralId, decision]));
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'MEETING_MINUTES_EXPORTED',
      entityType: 'meeting',
      entityId: id,
      correlationId,
      // The referrals the export disclosed, so asking about any of them finds it.
      details: { ids: [...new Set([...agenda.map((item) => item.referralId), ...decisions.map((d) => d.referralId)])] },
    });
    return {
      meeting: {
        id,
        region: meeting.region,
        type: meeting.type,
        status: meeting.status,
        scheduledFor: meeting.scheduledFor.toISOString(),
      },
      classification: highestClassification(agenda),
      attendees: attendees.map((attendee) => ({
        sub: attendee.sub,
        name: attendee.name,
        org: attendee.org,
        declaredConflicts: attendee.conflicts.map((referralId) => references.get(referralId) ?? referralId),
      })),
      items: agenda.map((item) => {
        const decision = decided.get(item.referralId);
        return {
          rank: item.rank,
          kind: item.kind,
          reference: item.reference,
          priority: item.priority,
          riskScore: item.riskScore,
          decision: decision?.decision ?? null,
          ratification: decision?.ratificationOutcome
            ? { outcome: decision.ratificationOutcome, overturned: decision.overturnedDecision }
            : null,
          onwardReference: decision?.onwardReference ?? null,
          rationale: decision?.rationale ?? null,
          decidedBy: decision?.decidedByName ?? null,
          deviation:
            decision && decision.passedOver.length > 0
              ? {
                  passedOver: decision.passedOver.map((over) => ({
                    ...over,
                    reference: references.get(over.referralId) ?? over.referralId,
                  })),
                  justification: decision.deviationJustification,
                }
              : null,
          recused: attendees
            .filter((attendee) => attendee.conflicts.includes(item.referralId))
            .map((attendee) => attendee.name),
          // The national flags the agenda showed, and a declined tasking request's justification (issue 16).
          ...(item.nationalPriority ? { nationalPriority: item.nationalPriority } : {}),
          ...(item.origin ? { origin: item.origin } : {}),
          ...(decision?.declineJustification ? { declineJustification: decision.declineJustification } : {}),
          settledElsewhere: settled.has(item.referralId),
        };
      }),
    };
  }
}
