import { ORGANISATIONS, findOrganisation, regionOf } from './organisations';

describe('ORGANISATIONS', () => {
  it('has 44 forces (43 regional, British Transport Police national), 9 ROCUs and 4 agencies with unique upper-case codes', () => {
    const count = (kind: string) => ORGANISATIONS.filter((o) => o.kind === kind).length;
    expect(count('FORCE')).toBe(44);
    expect(count('ROCU')).toBe(9);
    expect(count('AGENCY')).toBe(4);
    expect(new Set(ORGANISATIONS.map((o) => o.code)).size).toBe(ORGANISATIONS.length);
    for (const org of ORGANISATIONS) expect(org.code).toMatch(/^[A-Z][A-Z_]*$/);
  });

  it('uses the well-known short codes', () => {
    expect(findOrganisation('WYP')).toEqual({
      code: 'WYP',
      name: 'West Yorkshire Police',
      kind: 'FORCE',
      region: 'YHROCU',
    });
    for (const code of ['SYP', 'NYP', 'HUM', 'GMP', 'MER', 'NWP', 'KENT', 'ESSEX', 'MPS', 'COLP']) {
      expect(findOrganisation(code)?.kind).toBe('FORCE');
    }
    expect(findOrganisation('YHROCU')).toMatchObject({ kind: 'ROCU', region: 'YHROCU' });
    expect(findOrganisation('NCA')).toMatchObject({ kind: 'AGENCY', region: null });
    expect(findOrganisation('BTP')).toEqual({
      code: 'BTP',
      name: 'British Transport Police',
      kind: 'FORCE',
      region: null,
    });
    expect(findOrganisation('nope')).toBeUndefined();
  });
});

describe('regionOf', () => {
  it.each([
    ['WYP', 'YHROCU'],
    ['KENT', 'ERSOU'],
    ['NWP', 'NWROCU'],
    ['MPS', 'LONDON'],
    ['COLP', 'LONDON'],
    ['TARIAN', 'TARIAN'],
    ['NCA', null],
    ['BORDER_FORCE', null],
    ['BTP', null],
    ['UNKNOWN', null],
  ])('%s -> %s', (code, region) => {
    expect(regionOf(code)).toBe(region);
  });
});
