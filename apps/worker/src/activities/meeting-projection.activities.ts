import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { meetingProblemRecipient, type Actor, type ExcludedAgendaItem } from '@rocu/domain';
import type {
  AgendaItem,
  Attendee,
  DecisionRecord,
  MeetingActivities,
  MeetingClosedEvent,
  MeetingFailure,
  MeetingWorkflowInput,
} from '@rocu/contracts';
import { meetingWorkflowId } from '@rocu/contracts';
import {
  appendActorAudit,
  SYSTEM_AUDIT_ACTOR,
  appendAudit,
  enqueueNotification,
  loadAgenda,
  loadFrozenAgenda,
  meetingProjectionRepository as repository,
} from '@rocu/persistence';
import { WorkflowClientService } from '../workflow-client.service';
import { failFastWhenPermanent, isPermanentFailure } from './permanent-failure';

interface MeetingEvent {
  meetingId: string;
  seq: number;
  at: string;
  actor: Actor | null;
  correlationId?: string;
}

/**
 * Projects meeting workflow events into Postgres, each in one transaction and exactly once: the event is
 * journalled under (meeting, seq), so a retry is a no-op and events may commit in any order (an attendance
 * committing after a later decision is still recorded). A failure no retry can cure (a constraint violation,
 * bad data) is non-retryable, so the workflow can record it.
 */
@Injectable()
export class MeetingProjectionActivities implements MeetingActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: WorkflowClientService,
  ) {}

  /** Runs the projection only if this event is not yet in the meeting's journal, and audits it. */
  private async once(
    event: MeetingEvent,
    action: string,
    details: Record<string, unknown>,
    project: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await failFastWhenPermanent(() =>
      this.dataSource.transaction(async (manager) => {
        if (!(await repository.insertEvent(manager, { ...event, action }))) return;
        await project(manager);
        await repository.advanceLastSeq(manager, event);
        await appendActorAudit(manager, event.actor ?? SYSTEM_AUDIT_ACTOR, {
          action,
          entityType: 'meeting',
          entityId: event.meetingId,
          correlationId: event.correlationId,
          details: { seq: event.seq, ...details },
          dedupeKey: `meeting-${event.meetingId}:${event.seq}`,
        });
      }),
    );
  }

  async projectMeetingCreated(input: MeetingWorkflowInput & { at: string }): Promise<void> {
    await failFastWhenPermanent(() =>
      repository.insertMeeting(this.dataSource, { ...input, workflowId: meetingWorkflowId(input.meetingId) }),
    );
  }

  /**
   * Snapshots the ranked agenda. An item that cannot be listed (it cannot be ranked, or its row breaks a
   * constraint) is left off, recorded and raised to the region's ROCU manager; the other items and the
   * region's later meetings go on (the next freeze tries it again).
   */
  async freezeAgenda(event: MeetingEvent & { region: string; type: string }): Promise<AgendaItem[]> {
    let frozen: AgendaItem[] | undefined;
    await this.once(event, 'MEETING_AGENDA_FROZEN', {}, async (manager) => {
      const { items, excluded } = await loadAgenda(manager, event.region, event.type);
      frozen = [];
      for (const item of items) {
        const problem = await this.insertItem(manager, event.meetingId, item);
        if (problem === null) frozen.push(item);
        else excluded.push({ referralId: item.referralId, reason: problem });
      }
      for (const item of excluded) await this.raiseExcluded(manager, event, item);
      await repository.markAgendaFrozen(manager, event.meetingId, event.at);
    });
    // A retry after the snapshot committed: answer with what was frozen.
    return frozen ?? loadFrozenAgenda(this.dataSource.manager, event.meetingId);
  }

  /** Inserts one agenda item behind a savepoint; a permanent failure rolls back only this item and is returned. */
  private async insertItem(manager: EntityManager, meetingId: string, item: AgendaItem): Promise<string | null> {
    await repository.openItemSavepoint(manager);
    try {
      await repository.insertItem(manager, meetingId, item);
      await repository.releaseItemSavepoint(manager);
      return null;
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
      await repository.rollbackItemSavepoint(manager);
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** An item left off the agenda: audited against the meeting and raised to the region's ROCU manager. */
  private async raiseExcluded(
    manager: EntityManager,
    event: MeetingEvent & { region: string },
    item: ExcludedAgendaItem,
  ): Promise<void> {
    const dedupeKey = `meeting-${event.meetingId}:${event.seq}:excluded:${item.referralId}`;
    await appendAudit(manager, {
      actorSub: 'system',
      actorOrg: null,
      action: 'MEETING_ITEM_EXCLUDED',
      entityType: 'meeting',
      entityId: event.meetingId,
      outcome: 'FAILED',
      details: { seq: event.seq, referralId: item.referralId, reason: item.reason },
      dedupeKey,
    });
    await enqueueNotification(manager, {
      dedupeKey,
      referralId: item.referralId,
      kind: 'MEETING_ITEM_EXCLUDED',
      recipient: meetingProblemRecipient(event.region),
      payload: { meetingId: event.meetingId, reason: item.reason },
    });
  }

  async projectAttendance(event: MeetingEvent & { attendees: Attendee[]; removed?: Attendee[] }): Promise<void> {
    const removed = event.removed ?? [];
    await this.once(
      event,
      'MEETING_ATTENDANCE_RECORDED',
      {
        attendees: event.attendees.map((attendee) => attendee.sub),
        conflicts: Object.fromEntries(event.attendees.map((attendee) => [attendee.sub, attendee.conflicts])),
        ...(removed.length > 0 && { removed: removed.map((attendee) => attendee.sub) }),
      },
      async (manager) => {
        // What they declared stays in the register: a declaration is not withdrawn by leaving the meeting.
        for (const attendee of removed) await repository.upsertAttendee(manager, event, attendee, true);
        for (const attendee of event.attendees) {
          await repository.upsertAttendee(manager, event, attendee);
          // What was declared here goes into the register, for later meetings and allocations (ids of no
          // known referral are skipped); recusals carried over from the register are not declared again.
          await repository.declareConflicts(manager, {
            meetingId: event.meetingId,
            referralIds: attendee.declared ?? attendee.conflicts,
            personSub: attendee.sub,
            personName: attendee.name,
            recordedBySub: event.actor?.sub ?? 'system',
            at: event.at,
          });
        }
      },
    );
  }

  async applyDecision(event: MeetingEvent & { decision: DecisionRecord; region: string }): Promise<void> {
    const { decision } = event;
    // One decision per meeting and referral: a retried activity repeats the same Update.
    const updateId = `${meetingWorkflowId(event.meetingId)}:${decision.referralId}`;
    if (decision.ratificationOutcome && event.actor) {
      await this.referrals.ratify(decision.referralId, updateId, {
        actor: event.actor,
        correlationId: event.correlationId,
        meetingId: event.meetingId,
        outcome: decision.ratificationOutcome,
        decision: decision.decision,
        rationale: decision.rationale,
        onwardReference: decision.onwardReference,
      });
    } else if (!decision.ratification && event.actor) {
      await this.referrals.decide(decision.referralId, updateId, {
        actor: event.actor,
        correlationId: event.correlationId,
        decision: decision.decision,
        rationale: decision.rationale,
        meetingId: event.meetingId,
        deviationJustification: decision.deviationJustification,
        onwardReference: decision.onwardReference,
      });
    }
    const deviation = decision.passedOver.length > 0;
    await this.once(
      event,
      deviation ? 'MEETING_DEVIATION_RECORDED' : 'MEETING_DECISION_RECORDED',
      { referralId: decision.referralId, decision: decision.decision },
      async (manager) => {
        // The referral's own projection settles an urgent decision it awaited, with the decision it was sent: a
        // decision the referral never took (an old meeting's) leaves it pending, for the next meeting to ratify.
        await repository.insertDecision(manager, event, decision);
      },
    );
  }

  async projectMeetingClosed(event: MeetingClosedEvent): Promise<void> {
    const settledElsewhere = event.settledElsewhere ?? [];
    const details = {
      undecided: event.undecided,
      ...(settledElsewhere.length > 0 ? { settledElsewhere } : {}),
      ...(event.remarks ? { remarks: event.remarks } : {}),
    };
    await this.once(event, 'MEETING_CLOSED', details, async (manager) => {
      await repository.closeMeeting(manager, event.meetingId, event.at, settledElsewhere);
    });
  }

  async raiseMeetingFailure(failure: MeetingFailure): Promise<void> {
    const dedupeKey = `meeting-${failure.meetingId}:${failure.seq}:failed`;
    await this.dataSource.transaction(async (manager) => {
      await appendAudit(manager, {
        actorSub: 'system',
        actorOrg: null,
        action: failure.stage === 'FREEZE' ? 'MEETING_AGENDA_UNPROJECTABLE' : 'MEETING_DECISION_UNPROJECTABLE',
        entityType: 'meeting',
        entityId: failure.meetingId,
        outcome: 'FAILED',
        details: { seq: failure.seq, referralId: failure.referralId ?? null, reason: failure.message },
        dedupeKey,
      });
      await enqueueNotification(manager, {
        dedupeKey,
        referralId: null,
        kind: `MEETING_${failure.stage}_UNPROJECTABLE`,
        recipient: meetingProblemRecipient(failure.region),
        payload: { meetingId: failure.meetingId, referralId: failure.referralId ?? null, reason: failure.message },
      });
    });
  }
}
