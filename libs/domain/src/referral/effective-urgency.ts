import type { Urgency } from './referral-status';

export type UrgencyReason = 'AS_REQUESTED' | 'THREAT_TO_LIFE';

export interface EffectiveUrgency {
  /** The urgency the referral is worked at: its deadlines, whether it may be decided out of meeting. */
  urgency: Urgency;
  /** The urgency the referrer chose. */
  requested: Urgency;
  reason: UrgencyReason;
  /** Why, in words, for the response. */
  explanation: string;
}

/**
 * Threat to life makes a referral IMMEDIATE in effect, whatever urgency the referrer chose (domain.md
 * section 5): its deadlines, an out-of-meeting decision, and the ROCU manager told at once.
 */
export function effectiveUrgency(submission: { urgency: Urgency; threatToLife: boolean }): EffectiveUrgency {
  const requested = submission.urgency;
  if (submission.threatToLife && requested !== 'IMMEDIATE') {
    return {
      urgency: 'IMMEDIATE',
      requested,
      reason: 'THREAT_TO_LIFE',
      explanation: `submitted as ${requested} with a threat to life, so worked as IMMEDIATE`,
    };
  }
  return { urgency: requested, requested, reason: 'AS_REQUESTED', explanation: `worked as submitted (${requested})` };
}
