import {
  PRE_DECISION_STATUSES,
  REFERRAL_STATUSES,
  TERMINAL_STATUSES,
  isBeforeDecision,
  isReferralStatus,
  isRoute,
  isTerminal,
  isTriageDecision,
  isUrgency,
} from './referral-status';

describe('referral statuses', () => {
  it('classifies terminal states', () => {
    expect(REFERRAL_STATUSES.filter(isTerminal)).toEqual([
      'CLOSED',
      'DECLINED',
      'REFERRED_NATIONAL',
      'REFERRED_PARTNER',
      'WITHDRAWN',
      'REJECTED',
    ]);
  });

  it('classifies states before a decision', () => {
    expect(REFERRAL_STATUSES.filter(isBeforeDecision)).toEqual([
      'SUBMITTED',
      'TRIAGE',
      'INFO_REQUESTED',
      'ASSESSMENT',
      'AWAITING_DECISION',
      'DEFERRED',
    ]);
  });

  it('never counts a state as both terminal and before a decision', () => {
    for (const status of PRE_DECISION_STATUSES) expect(TERMINAL_STATUSES).not.toContain(status);
  });

  it('has type guards for runtime input', () => {
    expect(isReferralStatus('ADOPTED')).toBe(true);
    expect(isReferralStatus('adopted')).toBe(false);
    expect(isUrgency('IMMEDIATE')).toBe(true);
    expect(isUrgency(1)).toBe(false);
    expect(isRoute('REFER_PARTNER')).toBe(true);
    expect(isTriageDecision('MAYBE')).toBe(false);
  });
});
