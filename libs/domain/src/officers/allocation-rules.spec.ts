import fc from 'fast-check';
import { allocationChecks, AllocationFacts, exceptionRefusal, rulesNeedingJustification } from './allocation-rules';
import { SPECIALISMS } from './officer-types';

const facts = (overrides: Partial<AllocationFacts> = {}): AllocationFacts => ({
  officer: { specialisms: ['DRUGS', 'FIREARMS'], vetting: 'SC', capacity: 10 },
  points: 4,
  needs: { specialisms: ['DRUGS'], vetting: 'MV', cost: 3 },
  conflictDeclared: false,
  vettingMet: true,
  ...overrides,
});
const verdicts = (input: AllocationFacts) => allocationChecks(input).map((check) => [check.rule, check.met]);

describe('allocationChecks', () => {
  it('meets every rule for a matching officer within capacity, saying how', () => {
    expect(allocationChecks(facts())).toEqual([
      { rule: 'NO_CONFLICT', met: true, detail: 'no conflict declared' },
      { rule: 'VETTING', met: true, detail: 'holds SC; the tasking needs MV or higher' },
      { rule: 'SPECIALISM', met: true, detail: 'matches DRUGS' },
      { rule: 'CAPACITY', met: true, detail: '7 of 10 workload points after this allocation' },
    ]);
  });

  it('breaks SPECIALISM when the officer holds none of the specialisms needed', () => {
    const input = facts({ needs: { specialisms: ['FRAUD', 'CYBER'], vetting: 'MV', cost: 3 } });
    expect(allocationChecks(input)[2]).toEqual({
      rule: 'SPECIALISM',
      met: false,
      detail: 'holds none of FRAUD, CYBER',
    });
    expect(verdicts(facts({ needs: { specialisms: [], vetting: 'MV', cost: 3 } }))[2]).toEqual(['SPECIALISM', true]);
  });

  it('breaks CAPACITY only past the capacity: exactly full is within it', () => {
    expect(verdicts(facts({ points: 7 }))[3]).toEqual(['CAPACITY', true]);
    expect(allocationChecks(facts({ points: 8 }))[3]).toEqual({
      rule: 'CAPACITY',
      met: false,
      detail: '11 of 10 workload points after this allocation',
    });
  });

  it('reports a declared conflict and too little vetting', () => {
    expect(verdicts(facts({ conflictDeclared: true, vettingMet: false })).slice(0, 2)).toEqual([
      ['NO_CONFLICT', false],
      ['VETTING', false],
    ]);
  });
});

describe('rulesNeedingJustification and exceptionRefusal', () => {
  it('asks a justification for SPECIALISM and CAPACITY only', () => {
    const checks = allocationChecks(
      facts({ conflictDeclared: true, points: 9, needs: { specialisms: ['FRAUD'], vetting: 'MV', cost: 3 } }),
    );
    expect(rulesNeedingJustification(checks)).toEqual(['SPECIALISM', 'CAPACITY']);
    expect(exceptionRefusal(['SPECIALISM', 'CAPACITY'], undefined)).toContain('SPECIALISM and CAPACITY rules');
  });

  it('refuses a missing or blank justification and accepts a real one', () => {
    expect(exceptionRefusal(['CAPACITY'], undefined)).toContain('exceptionJustification');
    expect(exceptionRefusal(['CAPACITY'], '  \n ')).not.toBeNull();
    expect(exceptionRefusal(['CAPACITY'], null)).not.toBeNull();
    expect(exceptionRefusal(['CAPACITY'], 'Only SIO with the continuity on this OCG')).toBeNull();
    expect(exceptionRefusal([], undefined)).toBeNull();
  });

  it('needs a justification exactly when the specialism is unmatched or the capacity exceeded', () => {
    fc.assert(
      fc.property(
        fc.subarray([...SPECIALISMS]),
        fc.subarray([...SPECIALISMS]),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        (held, needed, points, capacity, cost) => {
          const checks = allocationChecks(
            facts({
              officer: { specialisms: held, vetting: 'MV', capacity },
              points,
              needs: { specialisms: needed, vetting: 'MV', cost },
            }),
          );
          const unmatched = needed.length > 0 && !needed.some((specialism) => held.includes(specialism));
          const over = points + cost > capacity;
          const expected = [...(unmatched ? ['SPECIALISM'] : []), ...(over ? ['CAPACITY'] : [])];
          expect(rulesNeedingJustification(checks)).toEqual(expected);
          expect(exceptionRefusal(rulesNeedingJustification(checks), undefined) === null).toBe(expected.length === 0);
        },
      ),
    );
  });
});
