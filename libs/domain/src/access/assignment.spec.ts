import type { Actor } from '../roles';
import { isAssignee } from './assignment';

const lro: Actor = { sub: 'lro-wyp', name: 'DI Bhatti', roles: ['LRO'], org: 'WYP', region: 'YHROCU' };
const assignment = { sub: 'lro-wyp', org: 'WYP', role: 'LRO' } as const;

describe('isAssignee', () => {
  it('is the named person, in their organisation, acting in the assigned role', () => {
    expect(isAssignee(lro, assignment)).toBe(true);
    expect(isAssignee({ ...lro, roles: ['FORCE_REFERRER', 'LRO'] }, assignment)).toBe(true);
  });

  it('is no one else: another sub, the same sub at another organisation, or in another role', () => {
    expect(isAssignee({ ...lro, sub: 'lro-syp' }, assignment)).toBe(false);
    expect(isAssignee({ ...lro, org: 'SYP' }, assignment)).toBe(false);
    expect(isAssignee({ ...lro, roles: ['SIO'] }, assignment)).toBe(false);
  });
});
