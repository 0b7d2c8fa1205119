import type { EntityManager } from 'typeorm';
import type { ReferralTransitionEvent } from '@rocu/contracts';
import { nationalResponseDueAt, recipientsOnEntering, type Participant, type PlanRole } from '@rocu/domain';
import {
  appendActorAudit,
  enqueueNotification,
  referralProjectionRepository as repository,
  upsertDeadlines,
} from '@rocu/persistence';

/** One transition being projected, inside its one transaction. */
interface TransitionProjection {
  manager: EntityManager;
  event: ReferralTransitionEvent;
}

type Projector = (projection: TransitionProjection) => Promise<void>;

const projectInformation: Projector = async ({ manager, event }) => {
  if (!event.information) return;
  await repository.insertInformation(manager, {
    referralId: event.referralId,
    seq: event.seq,
    kind: event.information.kind,
    text: event.information.text,
    actor: event.actor,
    at: event.at,
  });
};

const projectAssessment: Projector = async ({ manager, event }) => {
  if (!event.assessment?.score) return;
  await repository.insertAssessment(manager, {
    referralId: event.referralId,
    seq: event.seq,
    score: event.assessment.score,
    input: event.assessment.input,
    route: event.assessment.route,
    rationale: event.assessment.rationale,
    assessedBy: event.actor,
    at: event.at,
  });
};

const projectTaskingDecision: Projector = async ({ manager, event }) => {
  const decision = event.taskingDecision;
  if (!decision) return;
  if (decision.onwardReference)
    await repository.setOnwardReference(manager, event.referralId, decision.onwardReference);
  // Without a meeting it was an urgent out-of-meeting decision, to be ratified at the region's next TTCG; a
  // meeting's decision settles one still pending, in the transition's own transaction (as the workflow does).
  if (decision.meetingId === undefined) {
    await repository.markUrgentDecision(manager, event.referralId, decision.decision, event.at);
  } else {
    await repository.settleUrgentDecision(manager, event.referralId, decision.meetingId);
  }
};

const projectPartnerCheckAndDisposal: Projector = async ({ manager, event }) => {
  if (event.partnerCheck) {
    await repository.insertPartnerCheck(manager, {
      referralId: event.referralId,
      seq: event.seq,
      check: event.partnerCheck,
      recordedBy: event.actor,
      at: event.at,
    });
  }
  if (event.partnerDisposal) await repository.recordPartnerDisposal(manager, event.referralId, event.partnerDisposal);
};

/** Sent national (issue 16), answered by the NCA, or an NCA tasking request entering the region's agenda. */
const projectNational: Projector = async ({ manager, event }) => {
  if (event.to === 'REFERRED_NATIONAL' && event.from !== 'REFERRED_NATIONAL') {
    // Workflows from before the national deadline carry no due date: it is worked out here, as it was then.
    const dueAt = event.nationalDueAt ?? nationalResponseDueAt(new Date(event.at)).toISOString();
    await repository.markReferredNational(manager, event.referralId, event.at, dueAt);
  }
  if (event.national?.outcome === 'ACCEPTED') {
    await repository.markNationalAccepted(manager, event.referralId, event.national.reference, event.at);
  } else if (event.national?.outcome === 'RETURNED') {
    await repository.markNationalReturned(manager, event.referralId);
  }
  if (event.nationalTasking) {
    await repository.markNationalTasking(manager, event.referralId, event.nationalTasking.nationalPriority);
  }
};

const projectSioAllocation: Projector = async ({ manager, event }) => {
  const allocation = event.sioAllocation;
  if (!allocation) return;
  await repository.insertSioAllocation(manager, {
    referralId: event.referralId,
    officer: allocation.officer,
    justification: allocation.justification,
    conflictDeclaration: allocation.conflictDeclaration,
    ruleExceptions: allocation.ruleExceptions ?? [],
    exceptionJustification: allocation.exceptionJustification ?? null,
    mutualAidRequestId: allocation.mutualAidRequestId ?? null,
    allocatedBySub: event.actor.sub,
    at: event.at,
  });
};

/**
 * The owners' periods in charge, kept whatever the order of arrival (the repository closes them in turn); the
 * referral and its plan then name each role's owner of the latest period. Allocations, namings and changes of
 * hands complete out of order (a naming's projection may commit after a later allocation's, a reallocation's
 * after the next one's), so the names follow the periods, not the order of commits.
 */
const projectOwners: Projector = async ({ manager, event }) => {
  const owners: [PlanRole, Participant | undefined][] = [
    ['SIO', event.sioAllocation?.officer],
    ['LRO', event.lro],
  ];
  for (const [role, owner] of owners) {
    if (!owner) continue;
    await repository.recordOwnerPeriod(manager, {
      referralId: event.referralId,
      seq: event.seq,
      role,
      owner,
      reason: event.ownerChange?.reason ?? null,
      changedBySub: event.actor.sub,
      at: event.at,
    });
    await repository.setCurrentOwner(manager, event.referralId, role);
  }
};

const projectPlanStarted: Projector = async ({ manager, event }) => {
  if (!event.planStarted) return;
  await repository.insertPlan(manager, {
    referralId: event.referralId,
    sio: event.planStarted.sio,
    lro: event.planStarted.lro,
    startedAt: event.at,
    nextReviewDueAt: event.planStarted.nextReviewDueAt,
  });
  await repository.clearStandDown(manager, event.referralId);
};

const projectClosure: Projector = async ({ manager, event }) => {
  if (!event.closure) return;
  await repository.closeReferral(manager, event.referralId, event.closure.outcome, event.at);
  await repository.closePlan(manager, event.referralId, event.at);
};

// An overturned urgent adoption: the tasking stands down and its plan, if any, closes with the reason.
const projectStandDown: Projector = async ({ manager, event }) => {
  if (!event.standDown) return;
  await repository.standDownReferral(manager, event.referralId, event.standDown.reason);
  await repository.closeOpenPlan(manager, event.referralId, event.at);
};

/**
 * What an assessment changes beyond its own row: the referral's score, the national priority the work is aligned
 * to (issue 16), and a closed referral's re-assessment is no longer due. After the national and closure parts:
 * it reads the origin a tasking request sets, and overrides the re-assessment a closure asks for.
 */
const projectAssessmentAlignment: Projector = async ({ manager, event }) => {
  if (!event.assessment) return;
  const { score, nationalPriority } = event.assessment;
  await repository.alignWithAssessment(manager, event, {
    nationalPriority: nationalPriority ?? null,
    priority: score?.priority ?? null,
    riskScore: score?.riskScore ?? null,
  });
  if (event.from === 'CLOSED') await repository.clearReassessmentDue(manager, event.referralId);
};

const projectNotifications: Projector = async ({ manager, event }) => {
  const referral = await repository.loadReferralOrgs(manager, event.referralId);
  // Only a change of status is news (naming an LRO or re-scoring a closed referral is not).
  const entered = event.from === event.to ? [] : recipientsOnEntering(event.to, referral);
  for (const recipient of entered) {
    await enqueueNotification(manager, {
      dedupeKey: `${event.workflowId}:${event.seq}:${recipient.role}:${recipient.org}`,
      referralId: event.referralId,
      kind: `REFERRAL_${event.to}`,
      recipient,
      payload: { from: event.from, to: event.to },
    });
  }
};

/** What the audit trail keeps of the event's parts, beyond the move itself. */
function auditedParts(event: ReferralTransitionEvent): Record<string, unknown> {
  const { partnerCheck, partnerDisposal, nationalTasking, sioAllocation } = event;
  return {
    ...(partnerCheck ? { partnerCheck: { agency: partnerCheck.agency, result: partnerCheck.result } } : {}),
    ...(partnerDisposal ? { partnerDisposal } : {}),
    ...(nationalTasking ? { nationalTasking } : {}),
    // An allocation that set a rule aside carries the justification on the audit trail too.
    ...(sioAllocation?.ruleExceptions?.length
      ? {
          ruleExceptions: sioAllocation.ruleExceptions,
          exceptionJustification: sioAllocation.exceptionJustification,
        }
      : {}),
  };
}

const projectAudit: Projector = async ({ manager, event }) => {
  await appendActorAudit(manager, event.actor, {
    action: `REFERRAL_${event.action}`,
    entityType: 'referral',
    entityId: event.referralId,
    correlationId: event.correlationId,
    details: { workflowId: event.workflowId, seq: event.seq, from: event.from, to: event.to, ...auditedParts(event) },
    dedupeKey: `${event.workflowId}:${event.seq}`,
  });
};

/** The parts of a transition in the order their statements run (later parts read what earlier ones wrote). */
const PROJECTORS: readonly Projector[] = [
  projectInformation,
  projectAssessment,
  projectTaskingDecision,
  projectPartnerCheckAndDisposal,
  projectNational,
  projectSioAllocation,
  // Before the owners: a plan started here is named by the latest periods too.
  projectPlanStarted,
  projectOwners,
  projectClosure,
  projectStandDown,
  projectAssessmentAlignment,
  projectNotifications,
  projectAudit,
];

/**
 * Projects one referral transition in the caller's transaction. Idempotent: the history row is the key, so a
 * retried activity whose earlier attempt committed changes nothing.
 */
export async function projectReferralTransition(manager: EntityManager, event: ReferralTransitionEvent): Promise<void> {
  const fresh = await repository.insertHistory(manager, {
    referralId: event.referralId,
    seq: event.seq,
    from: event.from,
    to: event.to,
    action: event.action,
    actor: event.actor,
    reason: event.reason ?? null,
    at: event.at,
  });
  if (!fresh) return; // already projected by an earlier attempt
  const advanced = await repository.advanceReferral(manager, {
    referralId: event.referralId,
    seq: event.seq,
    status: event.to,
    at: event.at,
    pausedMs: event.pausedMs,
  });
  if (advanced) await upsertDeadlines(manager, event.referralId, event.deadlines);
  for (const project of PROJECTORS) await project({ manager, event });
}
