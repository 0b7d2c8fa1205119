import type { ReferralEntity } from '@rocu/persistence';
import { urgentDecisionPending } from './referral-record';

const referral = (status: string, ratifiedInMeeting: string | null, urgentDecisionAt: Date | null = new Date()) =>
  ({ status, urgentDecisionAt, ratifiedInMeeting }) as ReferralEntity;

describe('urgentDecisionPending (the read model, as the workflow keeps it)', () => {
  it('is an urgent decision no meeting has ruled on, while a meeting still can', () => {
    expect(urgentDecisionPending(referral('ACTIVE', null))).toBe(true);
    expect(urgentDecisionPending(referral('DECLINED', null))).toBe(true);
    expect(urgentDecisionPending(referral('ACTIVE', 'meeting-1'))).toBe(false);
    expect(urgentDecisionPending(referral('ACTIVE', null, null))).toBe(false);
  });

  it('is not pending on a tasking closed while it awaited one (before closing waited): nothing can rule on it now', () => {
    expect(urgentDecisionPending(referral('CLOSED', null))).toBe(false);
    expect(urgentDecisionPending(referral('WITHDRAWN', null))).toBe(false);
  });
});
