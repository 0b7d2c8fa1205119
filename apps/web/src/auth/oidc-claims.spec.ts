import { organisationNameIn, personFromClaims } from './oidc-claims';

const CLAIMS = { sub: 'idp|42', name: 'DS Priya Patel', roles: ['GATEWAY_ASSESSOR'], org: 'YHROCU', iss: 'x' };

describe('personFromClaims', () => {
  it('takes sub, name, roles and org from the ID token claims', () => {
    expect(personFromClaims(CLAIMS)).toEqual({
      sub: 'idp|42',
      name: 'DS Priya Patel',
      roles: ['GATEWAY_ASSESSOR'],
      org: 'YHROCU',
    });
  });

  it('names the person by their subject when the token has no name, as the API does', () => {
    expect(personFromClaims({ ...CLAIMS, name: undefined })?.name).toBe('idp|42');
    expect(personFromClaims({ ...CLAIMS, name: '  ' })?.name).toBe('idp|42');
  });

  it.each([
    ['no subject', { ...CLAIMS, sub: undefined }],
    ['an empty subject', { ...CLAIMS, sub: '' }],
    ['no organisation', { ...CLAIMS, org: undefined }],
    ['an organisation that is not a code', { ...CLAIMS, org: ['YHROCU'] }],
    ['no roles', { ...CLAIMS, roles: undefined }],
    ['an empty role list', { ...CLAIMS, roles: [] }],
    ['roles as a string', { ...CLAIMS, roles: 'GATEWAY_ASSESSOR' }],
    ['an unknown role', { ...CLAIMS, roles: ['GATEWAY_ASSESSOR', 'ADMIN'] }],
  ])('refuses claims with %s', (_label, claims) => {
    expect(personFromClaims(claims)).toBeUndefined();
  });
});

describe('organisationNameIn', () => {
  const lists = {
    forces: [{ code: 'WYP', name: 'West Yorkshire Police' }],
    rocus: [{ code: 'YHROCU', name: 'Yorkshire and the Humber Regional Organised Crime Unit' }],
    agencies: [{ code: 'NCA', name: 'National Crime Agency' }],
  };

  it('finds forces, ROCUs and agencies by code', () => {
    expect(organisationNameIn(lists, 'WYP')).toBe('West Yorkshire Police');
    expect(organisationNameIn(lists, 'YHROCU')).toBe('Yorkshire and the Humber Regional Organised Crime Unit');
    expect(organisationNameIn(lists, 'NCA')).toBe('National Crime Agency');
  });

  it('has no name for a code that is not in the reference data', () => {
    expect(organisationNameIn(lists, 'XYZ')).toBeUndefined();
  });
});
