import fc from 'fast-check';
import { URGENCIES } from './referral-status';
import { effectiveUrgency } from './effective-urgency';

describe('effectiveUrgency', () => {
  it.each(['ROUTINE', 'PRIORITY'] as const)(
    'makes a %s referral with a threat to life IMMEDIATE, saying why',
    (urgency) => {
      expect(effectiveUrgency({ urgency, threatToLife: true })).toEqual({
        urgency: 'IMMEDIATE',
        requested: urgency,
        reason: 'THREAT_TO_LIFE',
        explanation: `submitted as ${urgency} with a threat to life, so worked as IMMEDIATE`,
      });
    },
  );

  it('keeps an IMMEDIATE referral with a threat to life as requested', () => {
    expect(effectiveUrgency({ urgency: 'IMMEDIATE', threatToLife: true })).toMatchObject({
      urgency: 'IMMEDIATE',
      reason: 'AS_REQUESTED',
    });
  });

  it('works every referral without a threat to life at the urgency requested, and never lowers one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...URGENCIES), fc.boolean(), (urgency, threatToLife) => {
        const effective = effectiveUrgency({ urgency, threatToLife });
        if (threatToLife) return effective.urgency === 'IMMEDIATE' && effective.requested === urgency;
        return effective.urgency === urgency && effective.reason === 'AS_REQUESTED';
      }),
    );
  });
});
