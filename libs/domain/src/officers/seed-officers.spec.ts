import { REGION_SEEDS } from '../reference/regions';
import { OFFICER_ROLES, SPECIALISMS, VETTING_LEVELS, isSpecialism } from './officer-types';
import { seedOfficers } from './seed-officers';

const officers = seedOfficers();
const sios = officers.filter((o) => o.role === 'SIO');
const lros = officers.filter((o) => o.role === 'LRO');
const rocuRegions = REGION_SEEDS.filter((region) => region.hasRocu);

describe('seedOfficers', () => {
  it('seeds only SIOs and LROs', () => {
    expect(officers.every((o) => (OFFICER_ROLES as readonly string[]).includes(o.role))).toBe(true);
    expect(sios.length + lros.length).toBe(officers.length);
  });

  it('seeds five SIOs for every ROCU region and none elsewhere', () => {
    expect(rocuRegions.length).toBeGreaterThan(0);
    for (const region of REGION_SEEDS) {
      const inRegion = sios.filter((o) => o.region === region.code);
      expect({ region: region.code, count: inRegion.length }).toEqual({
        region: region.code,
        count: region.hasRocu ? 5 : 0,
      });
    }
    expect(sios).toHaveLength(5 * rocuRegions.length);
  });

  it('numbers SIO subs from 1 by region code and puts them in the ROCU', () => {
    const yorkshire = sios.filter((o) => o.region === 'YHROCU');
    expect(yorkshire.map((o) => o.sub)).toEqual([1, 2, 3, 4, 5].map((n) => `sio-yhrocu-${n}`));
    for (const sio of sios) {
      expect(sio.org).toBe(sio.region);
      expect(sio.sub).toMatch(new RegExp(`^sio-${sio.region.toLowerCase()}-[1-5]$`));
    }
  });

  it('seeds one LRO per force in every region, in the force and its region', () => {
    const forces = REGION_SEEDS.flatMap((region) => region.forces.map((force) => ({ force, region })));
    expect(lros).toHaveLength(forces.length);
    for (const { force, region } of forces) {
      const matching = lros.filter((o) => o.org === force.code);
      expect(matching).toHaveLength(1);
      expect(matching[0]).toMatchObject({ sub: `lro-${force.code.toLowerCase()}`, region: region.code });
    }
    expect(lros.find((o) => o.sub === 'lro-wyp')).toMatchObject({ org: 'WYP', region: 'YHROCU' });
    // London has no ROCU but its forces still name LROs.
    expect(lros.filter((o) => o.region === 'LONDON').map((o) => o.sub)).toEqual(['lro-mps', 'lro-colp']);
  });

  it('gives every officer a unique sub', () => {
    expect(new Set(officers.map((o) => o.sub)).size).toBe(officers.length);
  });

  it('uses only known specialisms and vetting levels, with positive capacity', () => {
    for (const o of officers) {
      expect(o.specialisms.length).toBeGreaterThan(0);
      expect(o.specialisms.every(isSpecialism)).toBe(true);
      expect(SPECIALISMS).toEqual(expect.arrayContaining([...o.specialisms]));
      expect(VETTING_LEVELS).toContain(o.vetting);
      expect(Number.isInteger(o.capacity) && o.capacity > 0).toBe(true);
      expect(o.name.trim()).not.toBe('');
    }
  });

  it('returns fresh data on each call', () => {
    const again = seedOfficers();
    expect(again).toEqual(officers);
    again[0].capacity = 99;
    expect(seedOfficers()[0].capacity).not.toBe(99);
  });
});
