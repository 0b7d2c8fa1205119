import { PRE_DECISION_STATUSES, REFERRAL_STATUSES, ROUTES, TRIAGE_DECISIONS } from './referral-status';
import { REFERRAL_ACTIONS, REFERRAL_TRANSITIONS, ROUTE_OUTCOMES, TRIAGE_OUTCOMES } from './referral-transitions';

describe('REFERRAL_TRANSITIONS', () => {
  it('has at least one row per action, each naming who may act', () => {
    for (const action of REFERRAL_ACTIONS) {
      expect(REFERRAL_TRANSITIONS[action].length).toBeGreaterThan(0);
      for (const rule of REFERRAL_TRANSITIONS[action]) {
        expect(rule.who.length).toBeGreaterThan(0);
        expect(rule.whoDescription.length).toBeGreaterThan(0);
        for (const from of rule.from) expect(REFERRAL_STATUSES).toContain(from);
      }
    }
  });

  it('maps every triage decision and route to a status', () => {
    expect(TRIAGE_DECISIONS.map((d) => TRIAGE_OUTCOMES[d])).toEqual(['ASSESSMENT', 'INFO_REQUESTED', 'REJECTED']);
    expect(ROUTES.map((r) => ROUTE_OUTCOMES[r])).toEqual([
      'AWAITING_DECISION',
      'AWAITING_DECISION',
      'REFERRED_NATIONAL',
      'REFERRED_PARTNER',
      'DECLINED',
    ]);
  });

  it('lets the referrer withdraw exactly in the states before a decision', () => {
    expect(REFERRAL_TRANSITIONS.WITHDRAW.flatMap((rule) => rule.from)).toEqual(PRE_DECISION_STATUSES);
  });
});
