import fc from 'fast-check';
import { ORGANISATIONS, regionOf } from './organisations';
import { findRegion } from './regions';
import { routeReferral, routeSubmission, RoutingFacts } from './route-referral';

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

describe('routeSubmission', () => {
  it('sends a partner agency referral to the region it chose, whatever the forces affected', () => {
    expect(routeSubmission({ forcesAffected: ['KENT'], region: 'YHROCU' }, 'AGENCY', SEEDED)).toEqual({
      routed: true,
      region: 'YHROCU',
      chosen: true,
    });
  });

  it('derives an agency referral without a chosen region from the forces affected, as for forces', () => {
    expect(routeSubmission({ forcesAffected: ['MPS', 'KENT'] }, 'AGENCY', SEEDED)).toEqual({
      routed: true,
      region: 'ERSOU',
      chosen: false,
    });
  });

  it('refuses (400) an agency referral that names no region and no force with a ROCU, naming both fields', () => {
    const routing = routeSubmission({ forcesAffected: ['BTP'] }, 'AGENCY', SEEDED);
    expect(routing).toMatchObject({ routed: false, code: 'VALIDATION' });
    if (!routing.routed) expect(routing.errors.map((error) => error.field)).toEqual(['region', 'forcesAffected']);
  });

  it('refuses a chosen region without a ROCU', () => {
    const routing = routeSubmission({ forcesAffected: ['WYP'], region: 'LONDON' }, 'AGENCY', SEEDED);
    expect(routing).toMatchObject({
      routed: false,
      code: 'VALIDATION',
      errors: [{ field: 'region', code: 'no_rocu' }],
    });
  });

  it("lets no force choose its region, and keeps the NCA route (422) for a force's unroutable referral", () => {
    expect(routeSubmission({ forcesAffected: ['WYP'], region: 'ERSOU' }, 'FORCE', SEEDED)).toMatchObject({
      routed: false,
      code: 'VALIDATION',
      errors: [{ field: 'region', code: 'not_chosen_by_forces' }],
    });
    expect(routeSubmission({ forcesAffected: ['MPS'] }, 'FORCE', SEEDED)).toMatchObject({
      routed: false,
      code: 'NO_ROCU',
    });
    expect(routeSubmission({ forcesAffected: ['SYP', 'WYP'] }, 'FORCE', SEEDED)).toEqual({
      routed: true,
      region: 'YHROCU',
      chosen: false,
    });
  });
});
