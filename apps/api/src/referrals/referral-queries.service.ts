import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  availableActions,
  byStageOrder,
  DomainError,
  effectiveUrgency,
  referralScopes,
  SENSITIVE_SUBMISSION_FIELDS,
  sensitiveAccess,
  WITHHELD_ANSWER_TEXT,
} from '@rocu/domain';
import type { ReferralSubmission } from '@rocu/contracts';
import {
  AssessmentEntity,
  ReferralDeadlineEntity,
  ReferralEntity,
  ReferralHistoryEntity,
  ReferralInformationEntity,
  appendActorAudit,
  loadPartnerChecks,
  referralQueries,
  conflictedPeople,
} from '@rocu/persistence';
import { ListReferralsQuery } from './list-referrals.query';
import { referralRecordOf, urgentDecisionPending } from './referral-record';
import {
  AssessmentHistoryEntryDto,
  AssessmentViewDto,
  DeadlineDto,
  HistoryEntryDto,
  LinkedReferralDto,
  NationalViewDto,
  ReferralDetailDto,
  ReferralListResponse,
  ReferralSummaryDto,
  SubmitReferralResponse,
  TaskingDto,
  urgencyView,
} from './referral-views.dto';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export const toSummary = (row: ReferralEntity): ReferralSummaryDto => ({
  id: row.id,
  reference: row.reference,
  status: row.status,
  urgency: row.urgency,
  region: row.region,
  ownerOrg: row.ownerOrg,
  classification: row.classification,
  subjectType: row.subjectType,
  subjectName: row.subjectName,
  priority: row.priority,
  riskScore: row.riskScore === null ? null : Number(row.riskScore),
  submittedAt: row.submittedAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  nextDeadlineAt: iso(row.nextDeadlineAt),
});

const toDeadline = (row: ReferralDeadlineEntity): DeadlineDto => ({
  stage: row.stage,
  dueAt: row.dueAt.toISOString(),
  remindAt: row.remindAt.toISOString(),
  status: row.status,
  remindedAt: iso(row.remindedAt) ?? undefined,
  escalatedAt: iso(row.escalatedAt) ?? undefined,
});

const toAssessment = (row: AssessmentEntity, count: number): AssessmentViewDto => ({
  riskScore: Number(row.riskScore),
  priority: row.priority,
  breakdown: row.breakdown,
  scheme: { id: row.schemeId, version: row.schemeVersion },
  confidence: row.confidence,
  organisationalPositionGrade: row.organisationalPositionGrade,
  recommendations: row.recommendations,
  route: row.route,
  rationale: row.rationale,
  input: row.input as object,
  assessedBy: { sub: row.assessedBySub, name: row.assessedByName },
  assessedAt: row.assessedAt.toISOString(),
  version: count,
});

const toHistoryEntry = (row: AssessmentEntity, index: number, all: AssessmentEntity[]): AssessmentHistoryEntryDto => ({
  version: all.length - index,
  riskScore: Number(row.riskScore),
  priority: row.priority,
  scheme: { id: row.schemeId, version: row.schemeVersion },
  confidence: row.confidence,
  route: row.route,
  assessedBy: { sub: row.assessedBySub, name: row.assessedByName },
  assessedAt: row.assessedAt.toISOString(),
});

/** The regions whose ROCU staff the actor is: they see de-confliction links there (the referrer never does). */
const regionsViewedBy = (actor: Actor): string[] =>
  referralScopes(actor).flatMap((scope) => (scope.kind === 'REGION' ? [scope.region] : []));

/** The submission without its OFFICIAL-SENSITIVE detail (see sensitiveAccess). */
function withoutSensitiveDetail(submission: ReferralSubmission): Partial<ReferralSubmission> {
  const visible: Partial<ReferralSubmission> = { ...submission };
  for (const field of SENSITIVE_SUBMISSION_FIELDS) delete visible[field];
  return visible;
}

/** Each history entry with the time the referral then spent in the status it entered. */
function withDurations(rows: ReferralHistoryEntity[], now: Date): HistoryEntryDto[] {
  return rows.map((row, index) => ({
    seq: row.seq,
    from: row.fromStatus,
    to: row.toStatus,
    action: row.action,
    actor: { sub: row.actorSub, name: row.actorName, org: row.actorOrg },
    at: row.at.toISOString(),
    reason: row.reason,
    durationMs: (rows[index + 1]?.at ?? now).getTime() - row.at.getTime(),
  }));
}

const person = (sub: string | null, name: string | null) => (sub === null ? null : { sub, name: name ?? sub });

const taskingOf = (referral: ReferralEntity): TaskingDto => ({
  sio: person(referral.sioSub, referral.sioName),
  lro: person(referral.lroSub, referral.lroName),
  closureOutcome: referral.closureOutcome,
  closedAt: referral.closedAt?.toISOString() ?? null,
  reassessmentDue: referral.reassessmentDue,
  ratificationPending: urgentDecisionPending(referral),
});

/** Sent national: when, the NCA's answer due (null once answered) and, once accepted, its reference. */
const nationalOf = (referral: ReferralEntity): NationalViewDto | null =>
  referral.nationalReferredAt === null
    ? null
    : {
        referredAt: referral.nationalReferredAt.toISOString(),
        responseDueAt: iso(referral.nationalDueAt),
        reference: referral.nationalReference,
        acceptedAt: iso(referral.nationalAcceptedAt),
      };

/** Read side of referrals: lists, detail and lookups from the projected tables, filtered by need-to-know in SQL. */
@Injectable()
export class ReferralQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** People with a declared conflict on this referral or its subject (at an allocation or a meeting). */
  conflicted(referralId: string): Promise<Set<string>> {
    return conflictedPeople(this.dataSource.manager, referralId);
  }

  /** The referral if the caller may see it; otherwise 404, whether it exists or not. */
  async findVisible(actor: Actor, id: string): Promise<ReferralEntity> {
    const referral = await referralQueries.findVisible(this.dataSource, actor, id);
    if (!referral) throw new DomainError('NOT_FOUND', `No referral ${id} is visible to you`);
    return referral;
  }

  /** Whether a referral with this id was ever projected (for the API's own checks: nothing is shown). */
  async exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(ReferralEntity).existsBy({ id });
  }

  /** The submission answer for an existing referral (an idempotent repeat after its workflow ended). */
  async submissionView(actor: Actor, id: string): Promise<SubmitReferralResponse> {
    const referral = await this.findVisible(actor, id);
    const deadlines = await this.dataSource.getRepository(ReferralDeadlineEntity).findBy({ referralId: id });
    return {
      id,
      reference: referral.reference,
      status: referral.status,
      ...urgencyView(effectiveUrgency(referral.submission)),
      region: referral.region,
      deadlines: deadlines.sort(byStageOrder).map(toDeadline),
    };
  }

  /** A page of the referrals the caller may see; which ones they were shown is audited with the read. */
  async list(actor: Actor, filters: ListReferralsQuery, correlationId: string): Promise<ReferralListResponse> {
    const [rows, total] = await referralQueries.listPage(this.dataSource, actor, filters);
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'REFERRALS_LISTED',
      entityType: 'referral',
      entityId: null,
      correlationId,
      details: { ids: rows.map((row) => row.id), total, filters: { ...filters } },
    });
    // The rows are the answer's items as they are; an overlap is only told to the region's ROCU staff.
    const regions = regionsViewedBy(actor);
    for (const row of rows) if (!regions.includes(row.region)) row.deconflicted = undefined;
    return { items: rows, total, page: filters.page, pageSize: filters.pageSize };
  }

  async detail(actor: Actor, id: string, correlationId: string, justification?: string): Promise<ReferralDetailDto> {
    const referral = await this.findVisible(actor, id);
    const [deadlines, history, assessments, information] = await Promise.all([
      this.dataSource.getRepository(ReferralDeadlineEntity).findBy({ referralId: id }),
      this.dataSource.getRepository(ReferralHistoryEntity).find({ where: { referralId: id }, order: { seq: 'ASC' } }),
      this.dataSource.getRepository(AssessmentEntity).find({ where: { referralId: id }, order: { seq: 'DESC' } }),
      this.dataSource
        .getRepository(ReferralInformationEntity)
        .find({ where: { referralId: id }, order: { seq: 'ASC' } }),
    ]);
    const regionalViewer = regionsViewedBy(actor).includes(referral.region);
    // Overlapping referrals are shown whoever may see them (de-confliction): the read names them, for their audit.
    const deconfliction = regionalViewer ? await this.links(id) : undefined;
    const access = sensitiveAccess(referral.classification, justification);
    const withheld =
      access.kind === 'WITHHELD'
        ? {
            fields: [...access.fields.map((field) => `submission.${field}`), WITHHELD_ANSWER_TEXT],
            howToAccess: access.howToAccess,
          }
        : undefined;
    await appendActorAudit(this.dataSource.manager, actor, {
      action: access.kind === 'JUSTIFIED' ? 'REFERRAL_SENSITIVE_VIEWED' : 'REFERRAL_VIEWED',
      entityType: 'referral',
      entityId: id,
      correlationId,
      justification: access.kind === 'JUSTIFIED' ? access.justification : null,
      details: {
        ...(withheld && { withheld: withheld.fields }),
        ...(deconfliction?.length && { ids: deconfliction.map((link) => link.referralId) }),
      },
    });
    return {
      ...toSummary(referral),
      urgencyBasis: urgencyView(effectiveUrgency(referral.submission)).urgencyBasis,
      onwardReference: referral.onwardReference,
      disposedTo: referral.partnerOrg,
      national: nationalOf(referral),
      origin: referral.origin,
      nationalPriority: referral.nationalPriority,
      submission: withheld ? withoutSensitiveDetail(referral.submission) : referral.submission,
      ...(withheld && { withheld }),
      submittedBy: { sub: referral.submittedBySub, name: referral.submittedByName },
      pausedMs: Number(referral.pausedMs),
      deadlines: deadlines.sort(byStageOrder).map(toDeadline),
      history: withDurations(history, new Date()),
      assessment: assessments[0] ? toAssessment(assessments[0], assessments.length) : null,
      assessmentHistory: assessments.map(toHistoryEntry),
      information: information.map((row) => ({
        kind: row.kind,
        ...(!(withheld && row.kind === 'RESPONSE') && { text: row.text }),
        actor: { sub: row.actorSub, org: row.actorOrg },
        at: row.at.toISOString(),
      })),
      deconfliction,
      partnerChecks: regionalViewer
        ? ((await loadPartnerChecks(this.dataSource.manager, [id])).get(id) ?? [])
        : undefined,
      tasking: taskingOf(referral),
      availableActions: availableActions(referralRecordOf(referral), actor),
    };
  }

  private links(id: string): Promise<LinkedReferralDto[]> {
    return referralQueries.links(this.dataSource, id);
  }
}
