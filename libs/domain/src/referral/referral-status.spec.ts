import {
  ALLOCATED_TASKING_STATUSES,
  AWAITING_MEETING_STATUSES,
  LIVE_TASKING_STATUSES,
  MEETING_BUSINESS_STATUSES,
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

  // The groups the read model queries by, written out state by state (the SQL passes these lists).
  it.each([
    ['SUBMITTED', '-', '-', '-', '-'],
    ['TRIAGE', '-', '-', '-', '-'],
    ['INFO_REQUESTED', '-', '-', '-', '-'],
    ['ASSESSMENT', '-', '-', '-', '-'],
    ['AWAITING_DECISION', 'awaiting', '-', '-', 'meeting'],
    ['DEFERRED', 'awaiting', '-', '-', 'meeting'],
    ['ADOPTED', '-', 'live', '-', 'meeting'],
    ['SIO_ALLOCATED', '-', 'live', 'allocated', 'meeting'],
    ['ACTIVE', '-', 'live', 'allocated', 'meeting'],
    ['CLOSED', '-', '-', '-', '-'],
    ['DECLINED', '-', '-', '-', '-'],
    ['REFERRED_NATIONAL', '-', '-', '-', '-'],
    ['REFERRED_PARTNER', '-', '-', '-', '-'],
    ['WITHDRAWN', '-', '-', '-', '-'],
    ['REJECTED', '-', '-', '-', '-'],
  ] as const)('groups %s: %s, %s, %s, %s', (status, awaiting, live, allocated, meeting) => {
    expect(AWAITING_MEETING_STATUSES.includes(status)).toBe(awaiting === 'awaiting');
    expect(LIVE_TASKING_STATUSES.includes(status)).toBe(live === 'live');
    expect(ALLOCATED_TASKING_STATUSES.includes(status)).toBe(allocated === 'allocated');
    expect(MEETING_BUSINESS_STATUSES.includes(status)).toBe(meeting === 'meeting');
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
