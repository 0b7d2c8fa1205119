import { deadlineRecipient, nationalResponseRecipients, recipientsOnEntering } from './referral-recipients';

const referral = { ownerOrg: 'WYP', region: 'YHROCU' };

describe('recipientsOnEntering', () => {
  it.each([
    ['INFO_REQUESTED', [{ role: 'FORCE_REFERRER', org: 'WYP' }]],
    ['REJECTED', [{ role: 'FORCE_REFERRER', org: 'WYP' }]],
    ['DECLINED', [{ role: 'FORCE_REFERRER', org: 'WYP' }]],
    [
      'ADOPTED',
      [
        { role: 'FORCE_REFERRER', org: 'WYP' },
        { role: 'ROCU_MANAGER', org: 'YHROCU' },
      ],
    ],
    [
      'CLOSED',
      [
        { role: 'FORCE_REFERRER', org: 'WYP' },
        { role: 'GATEWAY_ASSESSOR', org: 'YHROCU' },
      ],
    ],
    ['TRIAGE', [{ role: 'GATEWAY_ASSESSOR', org: 'YHROCU' }]],
    ['DEFERRED', [{ role: 'FORCE_REFERRER', org: 'WYP' }]],
    [
      'REFERRED_NATIONAL',
      [
        { role: 'FORCE_REFERRER', org: 'WYP' },
        { role: 'NCA_LIAISON', org: 'NCA' },
      ],
    ],
    ['REFERRED_PARTNER', [{ role: 'FORCE_REFERRER', org: 'WYP' }]],
  ] as const)('tells the right people when a referral enters %s', (status, expected) => {
    expect(recipientsOnEntering(status, referral)).toEqual(expected);
  });

  it.each(['SUBMITTED', 'ASSESSMENT', 'AWAITING_DECISION', 'SIO_ALLOCATED', 'ACTIVE', 'WITHDRAWN'] as const)(
    'tells no one when a referral enters %s',
    (status) => {
      expect(recipientsOnEntering(status, referral)).toEqual([]);
    },
  );

  it("tells the NCA's liaison, as well as any referrer there, of the NCA's own referrals, once each", () => {
    const ncas = { ownerOrg: 'NCA', region: 'YHROCU' };
    const ncaReferrers = [
      { role: 'FORCE_REFERRER', org: 'NCA' },
      { role: 'NCA_LIAISON', org: 'NCA' },
    ];
    expect(recipientsOnEntering('INFO_REQUESTED', ncas)).toEqual(ncaReferrers);
    expect(recipientsOnEntering('REFERRED_NATIONAL', ncas)).toEqual(ncaReferrers);
    expect(recipientsOnEntering('ADOPTED', ncas)).toEqual([...ncaReferrers, { role: 'ROCU_MANAGER', org: 'YHROCU' }]);
  });

  it("addresses the referrer at the owning force and the region's teams at the region", () => {
    expect(recipientsOnEntering('ADOPTED', { ownerOrg: 'GMP', region: 'NWROCU' })).toEqual([
      { role: 'FORCE_REFERRER', org: 'GMP' },
      { role: 'ROCU_MANAGER', org: 'NWROCU' },
    ]);
  });
});

describe('deadlineRecipient', () => {
  it.each([
    ['TRIAGE', 'GATEWAY_ASSESSOR'],
    ['ASSESSMENT', 'GATEWAY_ASSESSOR'],
    ['DECISION', 'TTCG_CHAIR'],
    ['ALLOCATION', 'ROCU_MANAGER'],
  ] as const)("reminds the region's worker of the %s stage (%s)", (stage, role) => {
    expect(deadlineRecipient('REMINDER', stage, 'YHROCU')).toEqual({ role, org: 'YHROCU' });
  });

  it.each(['TRIAGE', 'ASSESSMENT', 'DECISION', 'ALLOCATION'] as const)(
    "escalates a late %s stage to the region's ROCU manager",
    (stage) => {
      expect(deadlineRecipient('ESCALATION', stage, 'NWROCU')).toEqual({ role: 'ROCU_MANAGER', org: 'NWROCU' });
    },
  );
});

describe('nationalResponseRecipients', () => {
  it('reminds the NCA alone while its answer is due', () => {
    expect(nationalResponseRecipients('REMINDER', 'YHROCU')).toEqual([{ role: 'NCA_LIAISON', org: 'NCA' }]);
  });

  it("escalates a late answer to the NCA and to the region's ROCU manager", () => {
    expect(nationalResponseRecipients('ESCALATION', 'YHROCU')).toEqual([
      { role: 'NCA_LIAISON', org: 'NCA' },
      { role: 'ROCU_MANAGER', org: 'YHROCU' },
    ]);
  });
});
