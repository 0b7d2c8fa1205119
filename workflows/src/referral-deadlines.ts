import {
  ComputedDeadline,
  computeCalendarDeadline,
  computeDeadline,
  DeadlinePolicy,
  DeadlineStage,
  NO_PAUSE,
  PausedTime,
  ReferralStatus,
  StagePolicy,
} from '@rocu/domain';
import type { DeadlineView } from '@rocu/contracts';

/** Which deadline a status is working towards (none while waiting for a decision, or once a tasking is running). */
export function activeStage(status: ReferralStatus): DeadlineStage | null {
  if (status === 'SUBMITTED' || status === 'TRIAGE' || status === 'INFO_REQUESTED') return 'TRIAGE';
  if (status === 'ASSESSMENT') return 'ASSESSMENT';
  if (status === 'ADOPTED') return 'ALLOCATION';
  return null;
}

const STAGE_ORDER: readonly DeadlineStage[] = ['TRIAGE', 'ASSESSMENT', 'ALLOCATION'];

export interface StagePolicies {
  gateway: DeadlinePolicy;
  /** Absent for referrals started before allocation had a deadline. */
  allocation?: StagePolicy;
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
  status: ReferralStatus;
  reminded: ReadonlyMap<DeadlineStage, string>;
  escalated: ReadonlyMap<DeadlineStage, string>;
  /** Stages a decision has taken the referral out of (met, or breached if escalated first). */
  completed: ReadonlySet<DeadlineStage>;
}

/**
 * A stage's deadline: gateway stages run from submission (less the paused time), allocation from
 * adoption. Null for allocation before adoption, or without an allocation policy.
 */
export function stageDeadline(
  stage: DeadlineStage,
  policies: StagePolicies,
  clock: Pick<DeadlineClock, 'submittedAt' | 'pausedMs' | 'pausedWorkingMs' | 'workingTime' | 'adoptedAt'>,
): ComputedDeadline | null {
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

function stageStatus(stage: DeadlineStage, clock: DeadlineClock): DeadlineView['status'] {
  if (clock.completed.has(stage)) return clock.escalated.has(stage) ? 'BREACHED' : 'MET';
  const current = activeStage(clock.status);
  if (current === stage) return clock.status === 'INFO_REQUESTED' ? 'PAUSED' : 'PENDING';
  // Ended without reaching this stage (withdrawn, rejected); otherwise a later stage, whose clock already runs.
  return current === null ? 'CANCELLED' : 'PENDING';
}

/** The referral's deadlines as shown to users: due and reminder times, status, and when each fired. */
export function deadlineViews(policies: StagePolicies, clock: DeadlineClock): DeadlineView[] {
  return STAGE_ORDER.flatMap((stage) => {
    const computed = stageDeadline(stage, policies, clock);
    if (computed === null) return [];
    return [
      {
        stage,
        dueAt: computed.dueAt.toISOString(),
        remindAt: computed.remindAt.toISOString(),
        status: stageStatus(stage, clock),
        remindedAt: clock.reminded.get(stage),
        escalatedAt: clock.escalated.get(stage),
      },
    ];
  });
}
