import fc from 'fast-check';
import { Officer, SPECIALISMS, VETTING_LEVELS, VettingLevel } from './officer-types';
import { TaskingNeeds, rankCandidates, taskingNeeds, vettingMeets } from './officer-candidates';

const officer = (sub: string, overrides: Partial<Officer> = {}): Officer => ({
  sub,
  name: `DCI ${sub}`,
  org: 'YHROCU',
  region: 'YHROCU',
  role: 'SIO',
  specialisms: [],
  vetting: 'SC',
  capacity: 10,
  ...overrides,
});
const needs = (overrides: Partial<TaskingNeeds> = {}): TaskingNeeds => ({
  specialisms: [],
  vetting: 'MV',
  cost: 2,
  ...overrides,
});
const noLoads = new Map<string, { points: number; taskings: number }>();
const none = new Set<string>();
const subs = (candidates: readonly { officer: Officer }[]) => candidates.map((c) => c.officer.sub);

describe('taskingNeeds', () => {
  const referral = { crimeTypes: [] as string[], route: 'TTCG', priority: 'P2' as const };

  it('maps crime types to specialisms, once each, in first-seen order', () => {
    expect(
      taskingNeeds({ ...referral, crimeTypes: ['COUNTY_LINES', 'FRAUD', 'ILLEGAL_DRUGS', 'MONEY_LAUNDERING'] })
        .specialisms,
    ).toEqual(['DRUGS', 'FRAUD', 'ECONOMIC_CRIME']);
    expect(
      taskingNeeds({
        ...referral,
        crimeTypes: ['ORGANISED_IMMIGRATION_CRIME', 'MODERN_SLAVERY_AND_HUMAN_TRAFFICKING', 'CYBER_CRIME'],
      }).specialisms,
    ).toEqual(['MODERN_SLAVERY', 'CYBER']);
  });

  it('ignores crime types without a specialism or that it does not know', () => {
    expect(taskingNeeds({ ...referral, crimeTypes: ['SERIOUS_VIOLENCE', 'NOT_A_TYPE'] }).specialisms).toEqual([]);
    expect(taskingNeeds({ ...referral, crimeTypes: ['NOT_A_TYPE', 'ILLEGAL_FIREARMS'] }).specialisms).toEqual([
      'FIREARMS',
    ]);
  });

  it('needs SC vetting for covert commissioning and MV otherwise', () => {
    expect(taskingNeeds({ ...referral, route: 'COVERT_COMMISSIONING' }).vetting).toBe('SC');
    expect(taskingNeeds({ ...referral, route: 'TTCG' }).vetting).toBe('MV');
    expect(taskingNeeds({ ...referral, route: null }).vetting).toBe('MV');
  });

  it.each([
    ['P1', 4],
    ['P2', 3],
    ['P3', 2],
    ['P4', 1],
    [null, 3],
  ] as const)('costs a %s tasking %i points', (priority, cost) => {
    expect(taskingNeeds({ ...referral, priority }).cost).toBe(cost);
  });
});

describe('vettingMeets', () => {
  it('orders vetting RV < MV < SC < DV', () => {
    expect(VETTING_LEVELS).toEqual(['RV', 'MV', 'SC', 'DV']);
    VETTING_LEVELS.forEach((held, h) =>
      VETTING_LEVELS.forEach((needed, n) => expect(vettingMeets(held, needed)).toBe(h >= n)),
    );
  });

  it.each([
    ['DV', 'SC', true],
    ['SC', 'SC', true],
    ['MV', 'SC', false],
    ['RV', 'MV', false],
    ['SC', 'DV', false],
  ] as const)('%s meets %s: %s', (held, needed, meets) => {
    expect(vettingMeets(held, needed)).toBe(meets);
  });
});

describe('rankCandidates', () => {
  it('reports the workload now and after allocation, as whole percentages', () => {
    const loads = new Map([['a', { points: 5, taskings: 2 }]]);
    const [candidate] = rankCandidates([officer('a', { capacity: 8 })], loads, needs({ cost: 3 }), none);
    expect(candidate.workload).toEqual({ points: 5, taskings: 2, capacity: 8, percent: 63 }); // 62.5
    expect(candidate.workloadAfterAllocation).toEqual({ points: 8, taskings: 3, capacity: 8, percent: 100 });

    const [third] = rankCandidates(
      [officer('b', { capacity: 3 })],
      new Map([['b', { points: 1, taskings: 1 }]]),
      needs({ cost: 1 }),
      none,
    );
    expect(third.workload.percent).toBe(33);
    expect(third.workloadAfterAllocation.percent).toBe(67);
  });

  it('counts an officer without a load entry as carrying nothing', () => {
    const [candidate] = rankCandidates([officer('a', { capacity: 10 })], noLoads, needs({ cost: 4 }), none);
    expect(candidate.workload).toEqual({ points: 0, taskings: 0, capacity: 10, percent: 0 });
    expect(candidate.workloadAfterAllocation).toEqual({ points: 4, taskings: 1, capacity: 10, percent: 40 });
  });

  it('lists the needed specialisms the officer holds, in the order needed', () => {
    const [candidate] = rankCandidates(
      [officer('a', { specialisms: ['FRAUD', 'DRUGS', 'CYBER'] })],
      noLoads,
      needs({ specialisms: ['DRUGS', 'FIREARMS', 'FRAUD'] }),
      none,
    );
    expect(candidate.matchedSpecialisms).toEqual(['DRUGS', 'FRAUD']);
  });

  it('makes conflicted officers ineligible with CONFLICT_DECLARED', () => {
    const [candidate] = rankCandidates([officer('a')], noLoads, needs(), new Set(['a']));
    expect(candidate).toMatchObject({ eligible: false, ineligibleReasons: ['CONFLICT_DECLARED'] });
  });

  it('makes officers below the needed vetting ineligible with VETTING_TOO_LOW', () => {
    const ranked = rankCandidates(
      [officer('mv', { vetting: 'MV' }), officer('sc', { vetting: 'SC' }), officer('dv', { vetting: 'DV' })],
      noLoads,
      needs({ vetting: 'SC' }),
      none,
    );
    const bySub = new Map(ranked.map((c) => [c.officer.sub, c]));
    expect(bySub.get('mv')).toMatchObject({ eligible: false, ineligibleReasons: ['VETTING_TOO_LOW'] });
    expect(bySub.get('sc')).toMatchObject({ eligible: true, ineligibleReasons: [] });
    expect(bySub.get('dv')).toMatchObject({ eligible: true, ineligibleReasons: [] });
  });

  it('gives every reason that applies', () => {
    const [candidate] = rankCandidates([officer('a', { vetting: 'RV' })], noLoads, needs(), new Set(['a']));
    expect(candidate.eligible).toBe(false);
    expect(candidate.ineligibleReasons).toEqual(['CONFLICT_DECLARED', 'VETTING_TOO_LOW']);
  });

  it('puts eligible officers first, even when an ineligible one matches more and is less loaded', () => {
    const ranked = rankCandidates(
      [officer('conflicted', { specialisms: ['DRUGS'], name: 'A' }), officer('busy', { name: 'B' })],
      new Map([['busy', { points: 9, taskings: 4 }]]),
      needs({ specialisms: ['DRUGS'] }),
      new Set(['conflicted']),
    );
    expect(subs(ranked)).toEqual(['busy', 'conflicted']);
  });

  it('then prefers more matched specialisms over a lighter load', () => {
    const ranked = rankCandidates(
      [officer('idle', { specialisms: ['DRUGS'] }), officer('busy', { specialisms: ['DRUGS', 'FIREARMS'] })],
      new Map([['busy', { points: 8, taskings: 3 }]]),
      needs({ specialisms: ['DRUGS', 'FIREARMS'] }),
      none,
    );
    expect(subs(ranked)).toEqual(['busy', 'idle']);
  });

  it('then prefers the lower percentage after allocation, not the lower points', () => {
    // a: 4 of 20 + 2 = 30%; b: 2 of 8 + 2 = 50%; c: 0 of 2 + 2 = 100%.
    const ranked = rankCandidates(
      [
        officer('c', { capacity: 2, name: 'A' }),
        officer('b', { capacity: 8, name: 'B' }),
        officer('a', { capacity: 20, name: 'C' }),
      ],
      new Map([
        ['a', { points: 4, taskings: 2 }],
        ['b', { points: 2, taskings: 1 }],
      ]),
      needs({ cost: 2 }),
      none,
    );
    expect(subs(ranked)).toEqual(['a', 'b', 'c']);
  });

  it('finally orders by name', () => {
    const ranked = rankCandidates(
      [
        officer('1', { name: 'DCI Gill' }),
        officer('2', { name: 'DCI Ashworth' }),
        officer('3', { name: 'DCI Clarke' }),
      ],
      noLoads,
      needs(),
      none,
    );
    expect(ranked.map((c) => c.officer.name)).toEqual(['DCI Ashworth', 'DCI Clarke', 'DCI Gill']);
  });

  it('orders officers of the same name by their identity, whatever order they come in', () => {
    const namesakes = [officer('sio-2', { name: 'DCI Smith' }), officer('sio-1', { name: 'DCI Smith' })];
    expect(subs(rankCandidates(namesakes, noLoads, needs(), none))).toEqual(['sio-1', 'sio-2']);
    expect(subs(rankCandidates([...namesakes].reverse(), noLoads, needs(), none))).toEqual(['sio-1', 'sio-2']);
  });

  it('does not reorder or change its input', () => {
    const officers = [officer('z', { name: 'Z' }), officer('a', { name: 'A' })];
    rankCandidates(officers, noLoads, needs(), none);
    expect(officers.map((o) => o.sub)).toEqual(['z', 'a']);
    expect(officers[0]).toEqual(officer('z', { name: 'Z' }));
  });

  it('always returns every officer once, in the order an independent oracle gives from the inputs', () => {
    // The rules from domain.md, written out here rather than taken from the code: vetting RV < MV < SC < DV;
    // eligible first, then more needed specialisms held, then the lower share of capacity after allocation
    // (whole percent), then the name.
    const VETTING_ORDER: Record<VettingLevel, number> = { RV: 0, MV: 1, SC: 2, DV: 3 };
    const officerArb = fc.record({
      name: fc.constantFrom('Ashworth', 'Bhatti', 'Clarke', 'Davies'),
      specialisms: fc.subarray([...SPECIALISMS]),
      vetting: fc.constantFrom<VettingLevel>(...VETTING_LEVELS),
      capacity: fc.integer({ min: 1, max: 15 }),
      points: fc.integer({ min: 0, max: 20 }),
      conflicted: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(officerArb, { maxLength: 8 }),
        fc.subarray([...SPECIALISMS]),
        fc.constantFrom<VettingLevel>(...VETTING_LEVELS),
        fc.integer({ min: 1, max: 4 }),
        (specs, needed, vetting, cost) => {
          const officers = specs.map(({ name, specialisms, vetting: held, capacity }, i) =>
            officer(`o${i}`, { name, specialisms, vetting: held, capacity }),
          );
          const loads = new Map(specs.map((spec, i) => [`o${i}`, { points: spec.points, taskings: 1 }]));
          const conflicted = new Set(specs.flatMap((spec, i) => (spec.conflicted ? [`o${i}`] : [])));
          const expected = new Map(
            specs.map((spec, i) => [
              `o${i}`,
              {
                eligible: !spec.conflicted && VETTING_ORDER[spec.vetting] >= VETTING_ORDER[vetting],
                matched: needed.filter((specialism) => spec.specialisms.includes(specialism)).length,
                percent: Math.round(((spec.points + cost) * 100) / spec.capacity),
                name: spec.name,
              },
            ]),
          );
          type Key = [number, number, number, string];
          const keyOf = (sub: string): Key => {
            const { eligible, matched, percent, name } = expected.get(sub)!;
            return [eligible ? 0 : 1, -matched, percent, name];
          };
          const before = (a: Key, b: Key): number => {
            const k = a.findIndex((value, i) => value !== b[i]);
            if (k === -1) return 0;
            return a[k] < b[k] ? -1 : 1;
          };

          const ranked = rankCandidates(officers, loads, { specialisms: needed, vetting, cost }, conflicted);
          expect([...subs(ranked)].sort()).toEqual(officers.map((o) => o.sub).sort());
          expect(subs(ranked).map(keyOf)).toEqual([...expected.keys()].map(keyOf).sort(before));
          for (const c of ranked) {
            const want = expected.get(c.officer.sub)!;
            expect(c.eligible).toBe(want.eligible);
            expect(c.ineligibleReasons.length === 0).toBe(want.eligible);
            expect(c.matchedSpecialisms).toHaveLength(want.matched);
            expect(c.workloadAfterAllocation.percent).toBe(want.percent);
          }
        },
      ),
    );
  });
});
