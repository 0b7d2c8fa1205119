import type { EntityManager } from 'typeorm';
import type { AgendaItem, Attendee, DecisionRecord, MeetingWorkflowInput } from '@rocu/contracts';
import type { Queryable } from './queryable';

/** One meeting workflow event: the meeting and the event's sequence number. */
export interface MeetingEventKey {
  meetingId: string;
  seq: number;
}

export interface MeetingCreation extends MeetingWorkflowInput {
  workflowId: string;
  at: string;
}

/** Who declared conflicts at a meeting (the caller picks declared or all conflicts) and who recorded it. */
export interface MeetingConflictDeclaration {
  meetingId: string;
  referralIds: string[];
  personSub: string;
  personName: string;
  recordedBySub: string;
  at: string;
}

/**
 * The SQL that projects a meeting's workflow events into its tables. Each method is one statement in the
 * caller's transaction; the caller decides which apply and in what order.
 */
export const meetingProjectionRepository = {
  /** The event's journal row; false when an earlier attempt already projected it (the idempotency key). */
  async insertEvent(manager: EntityManager, event: MeetingEventKey & { action: string; at: string }): Promise<boolean> {
    const fresh: unknown[] = await manager.query(
      `INSERT INTO meeting_events (meeting_id, seq, action, at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING seq`,
      [event.meetingId, event.seq, event.action, event.at],
    );
    return fresh.length > 0;
  },

  async advanceLastSeq(manager: EntityManager, event: MeetingEventKey): Promise<void> {
    await manager.query(`UPDATE meetings SET last_seq = GREATEST(last_seq, $2) WHERE id = $1`, [
      event.meetingId,
      event.seq,
    ]);
  },

  async insertMeeting(queryable: Queryable, meeting: MeetingCreation): Promise<void> {
    await queryable.query(
      `INSERT INTO meetings (id, workflow_id, region, type, status, scheduled_for, papers_close_at, requested_by_sub, created_at)
       VALUES ($1, $2, $3, $4, 'SCHEDULED', $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        meeting.meetingId,
        meeting.workflowId,
        meeting.region,
        meeting.type,
        meeting.scheduledFor,
        meeting.papersCloseAt,
        meeting.requestedBy?.sub ?? null,
        meeting.at,
      ],
    );
  },

  async markAgendaFrozen(manager: EntityManager, meetingId: string, at: string): Promise<void> {
    await manager.query(`UPDATE meetings SET status = 'AGENDA_FROZEN', agenda_frozen_at = $2 WHERE id = $1`, [
      meetingId,
      at,
    ]);
  },

  /** The savepoint each agenda item is inserted behind, so one bad item rolls back alone. */
  async openItemSavepoint(manager: EntityManager): Promise<void> {
    await manager.query('SAVEPOINT agenda_item');
  },

  async releaseItemSavepoint(manager: EntityManager): Promise<void> {
    await manager.query('RELEASE SAVEPOINT agenda_item');
  },

  async rollbackItemSavepoint(manager: EntityManager): Promise<void> {
    await manager.query('ROLLBACK TO SAVEPOINT agenda_item');
  },

  async insertItem(manager: EntityManager, meetingId: string, item: AgendaItem): Promise<void> {
    await manager.query(
      `INSERT INTO meeting_items (meeting_id, referral_id, kind, rank, priority, risk_score, breakdown, deferrals, listed_at, urgent_decision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        meetingId,
        item.referralId,
        item.kind,
        item.rank,
        item.priority,
        item.riskScore,
        JSON.stringify(item.breakdown),
        item.deferrals,
        item.listedAt,
        item.urgentDecision ?? null,
      ],
    );
  },

  /** Records an attendee, or (`removed`) takes them off the record; of two events, the later seq stands. */
  async upsertAttendee(
    manager: EntityManager,
    event: MeetingEventKey,
    attendee: Attendee,
    removed = false,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO meeting_attendees (meeting_id, sub, name, org, conflicts, recorded_seq, removed) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (meeting_id, sub) DO UPDATE SET name = EXCLUDED.name, org = EXCLUDED.org, conflicts = EXCLUDED.conflicts,
             recorded_seq = EXCLUDED.recorded_seq, removed = EXCLUDED.removed
           WHERE meeting_attendees.recorded_seq < EXCLUDED.recorded_seq`,
      [
        event.meetingId,
        attendee.sub,
        attendee.name,
        attendee.org,
        JSON.stringify(attendee.conflicts),
        event.seq,
        removed,
      ],
    );
  },

  /** Into the conflict register; ids of no known referral are skipped. */
  async declareConflicts(manager: EntityManager, declaration: MeetingConflictDeclaration): Promise<void> {
    await manager.query(
      `INSERT INTO conflict_declarations (referral_id, person_sub, person_name, recorded_by_sub, recorded_at, source, meeting_id)
             SELECT id, $2, $3, $4, $5, 'MEETING', $6 FROM referrals WHERE id = ANY($1::uuid[])
             ON CONFLICT DO NOTHING`,
      [
        declaration.referralIds,
        declaration.personSub,
        declaration.personName,
        declaration.recordedBySub,
        declaration.at,
        declaration.meetingId,
      ],
    );
  },

  async insertDecision(manager: EntityManager, event: MeetingEventKey, decision: DecisionRecord): Promise<void> {
    await manager.query(
      `INSERT INTO meeting_decisions (meeting_id, referral_id, seq, decision, rationale, deviation_justification, passed_over,
           ratification, decided_by_sub, decided_by_name, decided_at, onward_reference, ratification_outcome, overturned_decision,
           decline_justification)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        event.meetingId,
        decision.referralId,
        event.seq,
        decision.decision,
        decision.rationale,
        decision.deviationJustification ?? null,
        JSON.stringify(decision.passedOver),
        decision.ratification,
        decision.decidedBy.sub,
        decision.decidedBy.name,
        decision.decidedAt,
        decision.onwardReference ?? null,
        decision.ratificationOutcome ?? null,
        decision.overturned ?? null,
        decision.declineJustification ?? null,
      ],
    );
  },

  /** Closes the meeting, marking the undecided items it found settled elsewhere (its minutes then say so for good). */
  async closeMeeting(manager: EntityManager, meetingId: string, at: string, settledElsewhere: string[]): Promise<void> {
    await manager.query(`UPDATE meetings SET status = 'CLOSED', closed_at = $2 WHERE id = $1`, [meetingId, at]);
    await manager.query(
      `UPDATE meeting_items SET settled_elsewhere = true WHERE meeting_id = $1 AND referral_id = ANY($2::uuid[])`,
      [meetingId, settledElsewhere],
    );
  },
};
