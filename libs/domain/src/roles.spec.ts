import { Actor, ROLES, hasRole, isRole } from './roles';

describe('roles', () => {
  const actor: Actor = { sub: 'u1', name: 'A', roles: ['GATEWAY_ASSESSOR'], org: 'YHROCU', region: 'YHROCU' };

  it('lists the ten roles of the domain brief and the national auditor (issue 13) without duplicates', () => {
    expect(ROLES).toHaveLength(11);
    expect(new Set(ROLES).size).toBe(ROLES.length);
  });

  it('recognises roles and rejects anything else', () => {
    expect(isRole('SIO')).toBe(true);
    expect(isRole('sio')).toBe(false);
    expect(isRole(42)).toBe(false);
  });

  it('checks whether an actor holds a role', () => {
    expect(hasRole(actor, 'GATEWAY_ASSESSOR')).toBe(true);
    expect(hasRole(actor, 'FORCE_REFERRER')).toBe(false);
  });
});
