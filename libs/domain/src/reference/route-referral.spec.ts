import fc from 'fast-check';
import { ORGANISATIONS, regionOf } from './organisations';
import { findRegion } from './regions';
import { routeReferral, RoutingFacts } from './route-referral';

/** The shipped reference data as routing facts. */
const SEEDED: RoutingFacts = {
  regionOf,
  hasRocu: (region) => findRegion(region)?.hasRocu ?? false,
};
const FORCES = ORGANISATIONS.filter((org) => org.kind === 'FORCE').map((org) => org.code);
const WITHOUT_ROCU = ['MPS', 'COLP', 'BTP'];

describe('routeReferral', () => {
  it('routes to the region of the first force affected', () => {
    expect(routeReferral(['WYP', 'KENT'], SEEDED)).toEqual({ routed: true, region: 'YHROCU', viaForce: 'WYP' });
    expect(routeReferral(['KENT', 'WYP'], SEEDED)).toEqual({ routed: true, region: 'ERSOU', viaForce: 'KENT' });
  });

  it('skips London forces and British Transport Police to the first force with a ROCU', () => {
    expect(routeReferral(['MPS', 'BTP', 'COLP', 'SURREY'], SEEDED)).toEqual({
      routed: true,
      region: 'SEROCU',
      viaForce: 'SURREY',
    });
  });

  it.each([[['MPS']], [['COLP']], [['BTP']], [['MPS', 'COLP', 'BTP']]])(
    'refuses %j and says where such cases go',
    (forces) => {
      const routing = routeReferral(forces, SEEDED);
      expect(routing.routed).toBe(false);
      if (!routing.routed) {
        expect(routing.reason).toContain('National Crime Agency');
        expect(routing.reason).toContain(forces.join(', '));
      }
    },
  );

  it('follows the reference data, not force codes: a region that gains a ROCU takes its forces', () => {
    const londonWithRocu: RoutingFacts = { regionOf, hasRocu: (region) => region === 'LONDON' };
    expect(routeReferral(['MPS'], londonWithRocu)).toEqual({ routed: true, region: 'LONDON', viaForce: 'MPS' });
  });

  it('never routes to a region without a ROCU, and routes whenever some force affected has one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...FORCES), { minLength: 1, maxLength: 6 }), (forces) => {
        const routing = routeReferral(forces, SEEDED);
        const first = forces.find((force) => !WITHOUT_ROCU.includes(force));
        if (first === undefined) return !routing.routed;
        return routing.routed && routing.viaForce === first && routing.region === regionOf(first);
      }),
    );
  });
});
