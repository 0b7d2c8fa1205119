import { computeDeadline, DeadlinePolicy, DeadlineStage, ReferralStatus } from '@rocu/domain';
import type { DeadlineView } from '@rocu/contracts';

/** Which gateway deadline a status is working towards (none once the referral is waiting for a decision). */
export function activeStage(status: ReferralStatus): DeadlineStage | null {
  if (status === 'SUBMITTED' || status === 'TRIAGE' || status === 'INFO_REQUESTED') return 'TRIAGE';
  if (status === 'ASSESSMENT') return 'ASSESSMENT';
  return null;
}

const STAGE_ORDER: readonly DeadlineStage[] = ['TRIAGE', 'ASSESSMENT'];

export interface DeadlineClock {
  submittedAt: Date;
  pausedMs: number;
  status: ReferralStatus;
  reminded: ReadonlyMap<DeadlineStage, string>;
  escalated: ReadonlyMap<DeadlineStage, string>;
  /** Stages a decision has taken the referral out of (met, or breached if escalated first). */
  completed: ReadonlySet<DeadlineStage>;
}

function stageStatus(stage: DeadlineStage, clock: DeadlineClock): DeadlineView['status'] {
  if (clock.completed.has(stage)) return clock.escalated.has(stage) ? 'BREACHED' : 'MET';
  const current = activeStage(clock.status);
  if (current === stage) return clock.status === 'INFO_REQUESTED' ? 'PAUSED' : 'PENDING';
  // Ended without reaching this stage (withdrawn, rejected); otherwise a later stage, whose clock already runs.
  return current === null ? 'CANCELLED' : 'PENDING';
}

/** The referral's deadlines as shown to users: due and reminder times, status, and when each fired. */
export function deadlineViews(policy: DeadlinePolicy, clock: DeadlineClock): DeadlineView[] {
  return STAGE_ORDER.map((stage) => {
    const computed = computeDeadline(stage, clock.submittedAt, policy[stage], clock.pausedMs);
    return {
      stage,
      dueAt: computed.dueAt.toISOString(),
      remindAt: computed.remindAt.toISOString(),
      status: stageStatus(stage, clock),
      remindedAt: clock.reminded.get(stage),
      escalatedAt: clock.escalated.get(stage),
    };
  });
}
