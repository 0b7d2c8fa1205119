import {
  activeStage,
  ComputedDeadline,
  computeCalendarDeadline,
  computeDeadline,
  DecisionClockPolicy,
  decisionDeadline,
  DEADLINE_STAGE_ORDER,
  DeadlinePolicy,
  DeadlineStage,
  NO_PAUSE,
  PausedTime,
  ReferralStatus,
  StagePolicy,
} from '@rocu/domain';
import type { DeadlineView } from '@rocu/contracts';

export interface StagePolicies {
  gateway: DeadlinePolicy;
  /** Absent for referrals started before allocation had a deadline. */
  allocation?: StagePolicy;
  /** IMMEDIATE referrals only; absent for others and for referrals started before it existed. */
  decision?: DecisionClockPolicy;
}

export interface DeadlineClock {
  submittedAt: Date;
  /** Time paused for the referrer's information, on the clock and (for working-day deadlines) in working time. */
  pausedMs: number;
  pausedWorkingMs: number;
  /** False for referrals started before reminders counted working time: they keep the calendar rule. */
  workingTime: boolean;
  /** When the referral was adopted; the allocation clock runs from here. */
  adoptedAt: Date | null;
  /** When it first awaited a decision; an IMMEDIATE referral's decision clock runs from here. */
  awaitingSince: Date | null;
  status: ReferralStatus;
  reminded: ReadonlyMap<DeadlineStage, string>;
  escalated: ReadonlyMap<DeadlineStage, string>;
  /** Stages a decision has taken the referral out of (met, or breached if escalated first). */
  completed: ReadonlySet<DeadlineStage>;
}

/**
 * A stage's deadline: gateway stages run from submission (less the paused time), an IMMEDIATE referral's
 * decision from when it first awaited one, allocation from adoption. Null for a stage not reached yet, or
 * without its policy.
 */
export function stageDeadline(
  stage: DeadlineStage,
  policies: StagePolicies,
  clock: Pick<
    DeadlineClock,
    'submittedAt' | 'pausedMs' | 'pausedWorkingMs' | 'workingTime' | 'adoptedAt' | 'awaitingSince'
  >,
): ComputedDeadline | null {
  if (stage === 'DECISION') {
    return clock.awaitingSince === null || policies.decision === undefined
      ? null
      : decisionDeadline(clock.awaitingSince, policies.decision);
  }
  const allocation = stage === 'ALLOCATION';
  const startedAt = allocation ? clock.adoptedAt : clock.submittedAt;
  const policy = allocation ? policies.allocation : policies.gateway[stage];
  if (startedAt === null || policy === undefined) return null;
  // Only the gateway stages wait for the referrer's information.
  const paused: PausedTime = allocation ? NO_PAUSE : { elapsedMs: clock.pausedMs, workingMs: clock.pausedWorkingMs };
  return clock.workingTime
    ? computeDeadline(stage, startedAt, policy, paused)
    : computeCalendarDeadline(stage, startedAt, policy, paused.elapsedMs);
}

function stageStatus(stage: DeadlineStage, policies: StagePolicies, clock: DeadlineClock): DeadlineView['status'] {
  if (clock.completed.has(stage)) return clock.escalated.has(stage) ? 'BREACHED' : 'MET';
  const current = activeStage(clock.status, Boolean(policies.decision));
  if (current === stage) return clock.status === 'INFO_REQUESTED' ? 'PAUSED' : 'PENDING';
  // Ended without reaching this stage (withdrawn, rejected); otherwise a later stage, whose clock already runs.
  return current === null ? 'CANCELLED' : 'PENDING';
}

/** The referral's deadlines as shown to users: due and reminder times, status, and when each fired. */
export function deadlineViews(policies: StagePolicies, clock: DeadlineClock): DeadlineView[] {
  return DEADLINE_STAGE_ORDER.flatMap((stage) => {
    const computed = stageDeadline(stage, policies, clock);
    if (computed === null) return [];
    return [
      {
        stage,
        dueAt: computed.dueAt.toISOString(),
        remindAt: computed.remindAt.toISOString(),
        status: stageStatus(stage, policies, clock),
        remindedAt: clock.reminded.get(stage),
        escalatedAt: clock.escalated.get(stage),
      },
    ];
  });
}
