import { REGIONS, findRegion } from './regions';

describe('REGIONS', () => {
  it('has the nine ROCU regions plus London', () => {
    expect(REGIONS).toHaveLength(10);
    expect(REGIONS.filter((r) => r.hasRocu)).toHaveLength(9);
    expect(REGIONS.map((r) => r.code)).toEqual(
      expect.arrayContaining([
        'ERSOU',
        'EMSOU',
        'NERSOU',
        'NWROCU',
        'YHROCU',
        'ROCUWM',
        'SEROCU',
        'SWROCU',
        'TARIAN',
        'LONDON',
      ]),
    );
  });

  it('gives every ROCU region a cadence, with some variety, and London none', () => {
    for (const region of REGIONS.filter((r) => r.hasRocu)) expect(region.cadence).not.toBeNull();
    expect(new Set(REGIONS.map((r) => r.cadence)).size).toBeGreaterThanOrEqual(3);
    expect(findRegion('LONDON')).toMatchObject({ hasRocu: false, cadence: null, forces: ['MPS', 'COLP'] });
  });

  it('covers 41 forces in ROCU regions and places each force in exactly one region', () => {
    const rocuForces = REGIONS.filter((r) => r.hasRocu).flatMap((r) => r.forces);
    expect(rocuForces).toHaveLength(41);
    const all = REGIONS.flatMap((r) => r.forces);
    expect(new Set(all).size).toBe(43);
  });

  it('reflects current membership (Kent in ERSOU, North Wales in NWROCU)', () => {
    expect(findRegion('ERSOU')?.forces).toContain('KENT');
    expect(findRegion('NWROCU')?.forces).toContain('NWP');
    expect(findRegion('YHROCU')?.forces).toEqual(['HUM', 'NYP', 'SYP', 'WYP']);
    expect(findRegion('NOPE')).toBeUndefined();
  });
});
