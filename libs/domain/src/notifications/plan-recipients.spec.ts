import { planChangeRecipients } from './plan-recipients';

const plan = {
  region: 'YHROCU',
  ownerOrg: 'WYP',
  sioSub: 'sio-yhrocu-1',
  sioOrg: 'YHROCU',
  lroSub: 'lro-wyp-1',
  lroOrg: 'WYP',
};

describe('planChangeRecipients', () => {
  it('reminds the SIO and the LRO of a review by name, each at their own organisation', () => {
    expect(planChangeRecipients('REVIEW_REMINDER', { ...plan, lroOrg: 'NYP', lroSub: 'lro-nyp-2' })).toEqual([
      { role: 'SIO', org: 'YHROCU', sub: 'sio-yhrocu-1' },
      { role: 'LRO', org: 'NYP', sub: 'lro-nyp-2' },
    ]);
  });

  it('reminds an SIO lent by another region (mutual aid) at their own ROCU, where their inbox is', () => {
    expect(planChangeRecipients('REVIEW_REMINDER', { ...plan, sioSub: 'sio-emsou-3', sioOrg: 'EMSOU' })[0]).toEqual({
      role: 'SIO',
      org: 'EMSOU',
      sub: 'sio-emsou-3',
    });
  });

  it("escalates an overdue review to the region's ROCU manager and the referring force", () => {
    expect(planChangeRecipients('REVIEW_OVERDUE', plan)).toEqual([
      { role: 'ROCU_MANAGER', org: 'YHROCU' },
      { role: 'FORCE_REFERRER', org: 'WYP' },
    ]);
  });

  it.each(['ACTION_ADDED', 'ACTION_CHANGED', 'DISRUPTION_RECORDED', 'REVIEW_SIGNED'])('tells no one of %s', (kind) => {
    expect(planChangeRecipients(kind, plan)).toEqual([]);
  });
});
