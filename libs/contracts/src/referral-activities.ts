import type { Actor, DeadlineStage, ReferralStatus, ScoreResult } from '@rocu/domain';
import type { ReferralWorkflowInput, DeadlineView } from './referral-workflow';

/** One transition of one referral; (workflowId, seq) makes its projection idempotent. */
export interface ReferralTransitionEvent {
  workflowId: string;
  referralId: string;
  seq: number;
  at: string;
  from: ReferralStatus | null;
  to: ReferralStatus;
  action: string;
  actor: Actor;
  reason?: string;
  correlationId?: string;
  deadlines: DeadlineView[];
  /** Time spent waiting for the referrer so far, in ms (the paused clock). */
  pausedMs: number;
  information?: { kind: 'REQUEST' | 'RESPONSE'; text: string };
  assessment?: { score: ScoreResult; input: unknown; route: string; rationale: Record<string, string> };
  /** A tasking decision; without meetingId it was an urgent out-of-meeting decision awaiting ratification. */
  taskingDecision?: { decision: string; rationale: string; meetingId?: string; onwardReference?: string };
}

export interface DeadlineNotification {
  workflowId: string;
  referralId: string;
  kind: 'REMINDER' | 'ESCALATION';
  stage: DeadlineStage;
  /** Distinguishes the same stage's deadline before and after a pause moved it. */
  dueAt: string;
  at: string;
  region: string;
  deadlines: DeadlineView[];
}

export interface SubmissionProjection extends ReferralWorkflowInput {
  workflowId: string;
  at: string;
  correlationId?: string;
  deadlines: DeadlineView[];
}

export interface ReferralActivities {
  /** Creates the referral row (assigning its human reference) and runs de-confliction; idempotent. */
  projectSubmission(submission: SubmissionProjection): Promise<{ reference: string }>;
  projectTransition(event: ReferralTransitionEvent): Promise<void>;
  recordDeadlineNotification(notification: DeadlineNotification): Promise<void>;
}
