import type { ReferralSnapshot, ReferralTransitionEvent, SubmissionProjection } from '@rocu/contracts';
import { nationalResponseDueAt } from '@rocu/domain';

/** The referral row's process columns, as the referral's projection activities leave them. */
export interface ReferralRowState {
  reference: string;
  status: string;
  last_seq: number;
  updated_at: string;
  paused_ms: number;
  priority: string | null;
  risk_score: number | null;
  onward_reference: string | null;
  urgent_decision: string | null;
  urgent_decision_at: string | null;
  ratified_in_meeting: string | null;
  partner_org: string | null;
  national_referred_at: string | null;
  national_due_at: string | null;
  national_reference: string | null;
  national_accepted_at: string | null;
  sio_sub: string | null;
  sio_name: string | null;
  sio_org: string | null;
  lro_sub: string | null;
  lro_name: string | null;
  lro_org: string | null;
  closure_outcome: string | null;
  closed_at: string | null;
  reassessment_due: boolean;
}

/**
 * Folds the recorded transitions over the submission in sequence order, as projectTransition applies them one
 * by one, with the workflow's own answer (its snapshot: reference, status, last sequence) having the last word.
 */
export function referralRowState(
  snapshot: ReferralSnapshot,
  submission: SubmissionProjection,
  transitions: readonly ReferralTransitionEvent[],
): ReferralRowState {
  const row: ReferralRowState = {
    reference: snapshot.reference,
    status: 'SUBMITTED',
    last_seq: 0,
    updated_at: submission.at,
    paused_ms: 0,
    priority: null,
    risk_score: null,
    onward_reference: null,
    urgent_decision: null,
    urgent_decision_at: null,
    ratified_in_meeting: null,
    partner_org: null,
    national_referred_at: null,
    national_due_at: null,
    national_reference: null,
    national_accepted_at: null,
    sio_sub: null,
    sio_name: null,
    sio_org: null,
    lro_sub: null,
    lro_name: null,
    lro_org: null,
    closure_outcome: null,
    closed_at: null,
    reassessment_due: false,
  };
  for (const event of transitions) applyTransition(row, event);
  return { ...row, status: snapshot.status, last_seq: snapshot.seq };
}

function applyTransition(row: ReferralRowState, event: ReferralTransitionEvent): void {
  Object.assign(row, { status: event.to, last_seq: event.seq, updated_at: event.at, paused_ms: event.pausedMs });
  const score = event.assessment?.score;
  if (score) Object.assign(row, { priority: score.priority, risk_score: score.riskScore });
  if (event.taskingDecision?.onwardReference) row.onward_reference = event.taskingDecision.onwardReference;
  const meetingId = event.taskingDecision?.meetingId;
  if (event.taskingDecision && meetingId === undefined) {
    Object.assign(row, {
      urgent_decision: event.taskingDecision.decision,
      urgent_decision_at: event.at,
      ratified_in_meeting: null,
    });
  }
  if (meetingId !== undefined && row.urgent_decision_at !== null) row.ratified_in_meeting ??= meetingId;
  if (event.partnerDisposal) {
    Object.assign(row, {
      partner_org: event.partnerDisposal.agency,
      onward_reference: event.partnerDisposal.reference,
    });
  }
  if (event.to === 'REFERRED_NATIONAL' && event.from !== 'REFERRED_NATIONAL') {
    Object.assign(row, {
      national_referred_at: event.at,
      // The due date the workflow recorded (its policy may not be the default); older events carry none.
      national_due_at: event.nationalDueAt ?? nationalResponseDueAt(new Date(event.at)).toISOString(),
    });
  }
  if (event.national) {
    row.national_due_at = null;
    if (event.national.outcome === 'ACCEPTED') {
      Object.assign(row, { national_reference: event.national.reference, national_accepted_at: event.at });
    }
  }
  if (event.sioAllocation) {
    const { sub, name, org } = event.sioAllocation.officer;
    Object.assign(row, { sio_sub: sub, sio_name: name, sio_org: org });
  }
  if (event.lro) Object.assign(row, { lro_sub: event.lro.sub, lro_name: event.lro.name, lro_org: event.lro.org });
  if (event.closure) {
    Object.assign(row, { closure_outcome: event.closure.outcome, closed_at: event.at, reassessment_due: true });
  }
  // Active again after a stand-down (adopted anew): the stand-down is no longer its outcome.
  if (event.planStarted && row.closed_at === null) row.closure_outcome = null;
  if (event.standDown) row.closure_outcome = event.standDown.reason;
  if (event.assessment && event.from === 'CLOSED') row.reassessment_due = false;
}
