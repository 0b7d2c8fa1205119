import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkflowExecutionAlreadyStartedError, type UpdateDefinition } from '@temporalio/common';
import {
  Actor,
  checkAttendanceSize,
  checkMeetingRole,
  DomainError,
  isRecused,
  type MeetingCheck,
  type MeetingAction,
  nationalDeclineRefusal,
  planExtraMeeting,
  registeredRecusal,
} from '@rocu/domain';
import {
  ActorCommand,
  closeMeetingUpdate,
  decideItemUpdate,
  DecisionRecord,
  MEETING_WORKFLOW_TYPE,
  MeetingSnapshot,
  meetingWorkflowId,
  MeetingWorkflowInput,
  openMeetingUpdate,
  recordAttendanceUpdate,
} from '@rocu/contracts';
import { meetingQueries, MeetingRow, registeredConflicts } from '@rocu/persistence';
import { IdempotencyService } from '../common/idempotency';
import { idForKey } from '../common/keyed-id';
import { KeyedRequest, keyedRequest, sendKeyedUpdate } from '../common/keyed-update';
import { TemporalClientService } from '../temporal/temporal-client.provider';
import { RegionSettingsService } from '../regions/region-settings.service';
import { AttendanceRequest, CloseMeetingRequest, CreateMeetingRequest, DecisionRequest } from './meeting-requests.dto';
import { MeetingQueriesService, toMeetingSummary } from './meeting-queries.service';
import { MeetingSummaryDto } from './meeting-views.dto';

/** Write side of meetings: each change is an Update on the meeting's workflow, validated by the pure rules. */
@Injectable()
export class MeetingCommandsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly queries: MeetingQueriesService,
    private readonly regionSettings: RegionSettingsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Arranges an extra meeting. With an Idempotency-Key its id is the key's, so a repeat (an answer lost on the
   * way back) reaches the meeting the first made instead of arranging a second; the key with another body is a 422.
   */
  async create(
    actor: Actor,
    request: CreateMeetingRequest,
    idempotencyKey: string | undefined,
    correlationId: string,
  ): Promise<MeetingSummaryDto> {
    const meetingId = idForKey(actor, idempotencyKey, 'meeting');
    const keyId = idempotencyKey === undefined ? undefined : `meeting:${meetingId}`;
    const made = async () => {
      const row = await meetingQueries.findVisible(this.dataSource, actor, meetingId);
      return row && toMeetingSummary(row);
    };
    // A repeat is answered with the meeting as it now stands, even once its time has passed.
    const earlier = keyId === undefined ? undefined : await made();
    if (keyId !== undefined && earlier) {
      await this.idempotency.refuseChangedRequest(keyId, request, async () => true);
      return earlier;
    }
    // Refused here, a request made nothing and claims no key: the corrected one may use it at once.
    const plan = planExtraMeeting(actor, request, new Date());
    if (!plan.ok) throw new DomainError(plan.code, plan.message, plan.errors ? { errors: plan.errors } : undefined);
    if (keyId !== undefined) {
      const workflowId = meetingWorkflowId(meetingId);
      await this.idempotency.refuseChangedRequest(
        keyId,
        request,
        async () => (await made()) !== undefined || (await this.temporal.workflowExists(workflowId)),
      );
    }
    const { scheduledFor, papersCloseAt } = plan;
    // An extra meeting runs by the region's current rules (its quorum), like the scheduled ones.
    const { settings } = await this.regionSettings.currentOrDefaults(request.region);
    const input: MeetingWorkflowInput = {
      meetingId,
      region: request.region,
      type: request.type,
      scheduledFor: scheduledFor.toISOString(),
      papersCloseAt: papersCloseAt.toISOString(),
      requestedBy: actor,
      settings: await this.regionSettings.meetingSettings(request.region, settings),
    };
    try {
      // A concurrent repeat reaches the workflow the first started (its opening Update only reads it); one after
      // that workflow ended starts no second run, and is answered from the read model.
      await this.temporal.startWithUpdate(
        MEETING_WORKFLOW_TYPE,
        {
          workflowId: meetingWorkflowId(meetingId),
          args: [input],
          workflowIdConflictPolicy: keyId === undefined ? 'FAIL' : 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        },
        openMeetingUpdate,
        { actor, correlationId },
      );
    } catch (error) {
      if (keyId === undefined || !(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    return toMeetingSummary(await this.queries.findVisible(actor, meetingId));
  }

  /**
   * Records who attended. Conflicts already in the register (declared at an allocation or an earlier meeting,
   * on the referral or its subject) recuse the attendee from this meeting's items too, without a fresh
   * declaration; only what is declared here goes into the register, and only this meeting's items are shown.
   */
  attendance(actor: Actor, id: string, request: AttendanceRequest, correlationId: string): Promise<MeetingSnapshot> {
    return this.update(actor, id, 'RECORD_ATTENDANCE', recordAttendanceUpdate, async (meeting) => {
      const [registered, items, recorded] = await Promise.all([
        registeredConflicts(
          this.dataSource.manager,
          request.attendees.map((attendee) => attendee.sub),
          meeting.region,
        ),
        this.queries.itemIds(meeting),
        meetingQueries.attendees(this.dataSource, meeting.id),
      ]);
      const size = checkAttendanceSize(
        recorded.map((attendee) => attendee.sub),
        request,
      );
      refuseBadAttendees(request, items, size);
      const attendees = request.attendees.map((attendee) => ({
        ...attendee,
        declared: attendee.conflicts,
        conflicts: [
          ...new Set([
            ...attendee.conflicts,
            ...(registered.get(attendee.sub) ?? []).filter((referralId) => items.has(referralId)),
          ]),
        ],
      }));
      return { actor, correlationId, attendees, ...(request.removed && { removed: request.removed }) };
    });
  }

  decide(
    actor: Actor,
    id: string,
    request: DecisionRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<DecisionRecord> {
    const keyed = keyedRequest(idempotencyKey, request);
    return this.update(
      actor,
      id,
      'DECIDE',
      decideItemUpdate,
      async (meeting) => {
        // Read meanwhile: the agenda's changes do not depend on the checks, whose refusal comes first (reads unused).
        const changes = Promise.all([this.settledElsewhere(meeting), this.queries.urgentlyDecided(meeting)]);
        changes.catch(() => undefined); // awaited below, unless a check refuses first
        await this.checkDecision(actor, meeting, request);
        const [settledElsewhere, urgentlyDecided] = await changes;
        return {
          actor,
          correlationId,
          ...request,
          settledElsewhere,
          ...(urgentlyDecided.length > 0 && { urgentlyDecided }),
        };
      },
      keyed,
    );
  }

  /** Refuses what the workflow would too, as named fields or with the register's reason (it knows less of it). */
  private async checkDecision(actor: Actor, meeting: MeetingRow, request: DecisionRequest): Promise<void> {
    // Named as a bad field here (the meeting's workflow refuses it too): declines of NCA requests are reported.
    const referral = await meetingQueries.referralOrigin(this.dataSource, request.referralId, meeting.region);
    const unjustified = referral
      ? nationalDeclineRefusal(referral, request.decision, request.declineJustification)
      : null;
    if (unjustified) throw new DomainError('VALIDATION', unjustified.message, { errors: [unjustified] });
    // A chair not recorded as attending is recused by the register as an attendee is (the workflow knows only
    // the attendance's conflicts).
    const registered = await registeredConflicts(this.dataSource.manager, [actor.sub], meeting.region);
    if (isRecused(registered, actor.sub, request.referralId)) throw registeredRecusal(request.referralId);
  }

  close(
    actor: Actor,
    id: string,
    request: CloseMeetingRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<MeetingSnapshot> {
    const keyed = keyedRequest(idempotencyKey, request);
    return this.update(
      actor,
      id,
      'CLOSE',
      closeMeetingUpdate,
      async (meeting) => ({ actor, correlationId, ...request, settledElsewhere: await this.settledElsewhere(meeting) }),
      keyed,
    );
  }

  /** The items the workflow is not told have left it (see DecisionCommand.settledElsewhere), read now. */
  private async settledElsewhere(meeting: MeetingRow): Promise<string[]> {
    return [...(await this.queries.settledElsewhere(meeting))];
  }

  /**
   * The Update, once the caller may see the meeting (else 404) and has the role for the action there (else 403),
   * and then the command for it is made (with the checks it makes): a member is refused for who they are, not
   * for a field or a recusal. The meeting's state is left to its workflow, which holds it. Under a key, once: a
   * repeat of a completed one is answered with its outcome before any of this (see sendKeyedUpdate).
   */
  private async update<C extends ActorCommand, R>(
    actor: Actor,
    id: string,
    action: MeetingAction,
    definition: UpdateDefinition<R, [C]>,
    commandFor: (meeting: MeetingRow) => Promise<C>,
    keyed?: KeyedRequest,
  ): Promise<R> {
    const send = async (updateId?: string): Promise<R> => {
      const meeting = await this.queries.findVisible(actor, id);
      const role = checkMeetingRole(meeting, action, actor);
      if (!role.ok) throw new DomainError(role.refusal, role.reason);
      return this.temporal.sendUpdate({
        workflowId: meeting.workflowId,
        definition,
        command: await commandFor(meeting),
        updateId,
        endedMessage: 'The meeting is closed',
        details: { state: meeting.status },
      });
    };
    if (keyed === undefined) return send();
    const target = { record: `meeting:${id}`, workflowId: meetingWorkflowId(id), kind: definition.name };
    return sendKeyedUpdate(this.idempotency, this.temporal, target, actor, keyed, send);
  }
}

/**
 * What only the meeting can judge of an attendance (each person once, and nobody both listed and removed, are the
 * body's rules: AttendanceRequest.bodyRules). A conflict is declared at a meeting on one of its items (agenda or
 * tasking under review): one on any other referral would put a record the chair may not see on the register,
 * recusing and blocking officers elsewhere. The attendance may not outgrow MAX_MEETING_ATTENDEES.
 */
function refuseBadAttendees(request: AttendanceRequest, items: Set<string>, size: MeetingCheck): void {
  const errors = request.attendees.flatMap((attendee, index) =>
    attendee.conflicts.some((referralId) => !items.has(referralId))
      ? [
          {
            field: `attendees[${index}].conflicts`,
            code: 'not_on_the_agenda',
            message: "conflicts must name this meeting's agenda items or taskings under review",
          },
        ]
      : [],
  );
  if (!size.ok) errors.push({ field: 'attendees', code: 'too_many', message: size.reason });
  if (errors.length > 0)
    throw new DomainError(
      'VALIDATION',
      'The attendance names a referral not before this meeting, or holds too many people',
      { errors },
    );
}
