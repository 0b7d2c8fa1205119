import { REFERRAL_STATUSES, URGENCIES } from '../referral/referral-status';
import { MEETING_DECISIONS } from './meeting-types';
import { checkUrgentDecision } from './urgent-decision';

describe('checkUrgentDecision', () => {
  it.each(MEETING_DECISIONS.filter((decision) => decision !== 'DEFER'))(
    'allows %s on an IMMEDIATE referral awaiting decision',
    (decision) => {
      expect(checkUrgentDecision({ status: 'AWAITING_DECISION', urgency: 'IMMEDIATE' }, decision)).toEqual({
        ok: true,
      });
    },
  );

  it('refuses DEFER, saying why', () => {
    const check = checkUrgentDecision({ status: 'AWAITING_DECISION', urgency: 'IMMEDIATE' }, 'DEFER');
    expect(check).toEqual({ ok: false, refusal: 'BUSINESS_RULE', reason: expect.stringContaining('cannot wait') });
  });

  it("refuses to decline the NCA's tasking request out of meeting, and only that", () => {
    const request = { status: 'AWAITING_DECISION', urgency: 'IMMEDIATE', origin: 'NCA_TASKING' } as const;
    const declined = checkUrgentDecision(request, 'DECLINE_RETURN_TO_FORCE');
    expect(declined).toEqual({
      ok: false,
      refusal: 'BUSINESS_RULE',
      reason: expect.stringContaining('only by a meeting'),
    });
    expect(checkUrgentDecision(request, 'ADOPT_ROCU_LEAD')).toEqual({ ok: true });
    expect(checkUrgentDecision({ ...request, origin: 'REFERRAL' }, 'DECLINE_RETURN_TO_FORCE')).toEqual({ ok: true });
  });

  it.each(URGENCIES.filter((urgency) => urgency !== 'IMMEDIATE'))('refuses a %s referral', (urgency) => {
    const check = checkUrgentDecision({ status: 'AWAITING_DECISION', urgency }, 'ADOPT_ROCU_LEAD');
    expect(check).toEqual({ ok: false, refusal: 'BUSINESS_RULE', reason: expect.stringContaining('IMMEDIATE') });
  });

  it.each(REFERRAL_STATUSES.filter((status) => status !== 'AWAITING_DECISION'))(
    'refuses a referral %s for its state (a repeat, or a deferred referral), naming the state',
    (status) => {
      for (const decision of MEETING_DECISIONS) {
        const check = checkUrgentDecision({ status, urgency: 'IMMEDIATE' }, decision);
        expect(check).toEqual({ ok: false, refusal: 'NOT_ALLOWED_IN_STATE', reason: expect.stringContaining(status) });
      }
    },
  );
});
