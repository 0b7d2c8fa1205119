import type { Actor } from '../roles';
import { auditScope } from './audit-scope';

const auditor = (org: string, region: string | null, roles: Actor['roles'] = ['AUDITOR']): Actor => ({
  sub: 'a',
  name: 'A',
  roles,
  org,
  region,
});

describe('auditScope', () => {
  it("gives a force's or an agency's auditor their own organisation", () => {
    expect(auditScope(auditor('WYP', 'YHROCU'))).toEqual({ kind: 'ORGANISATIONS', orgs: ['WYP'] });
    expect(auditScope(auditor('HMRC', null))).toEqual({ kind: 'ORGANISATIONS', orgs: ['HMRC'] });
    expect(auditScope(auditor('NCA', null))).toEqual({ kind: 'ORGANISATIONS', orgs: ['NCA'] });
  });

  it("gives a ROCU's auditor its region", () => {
    expect(auditScope(auditor('YHROCU', 'YHROCU'))).toEqual({ kind: 'REGION', region: 'YHROCU' });
  });

  it('gives the national auditor the whole trail, and non-auditors nothing', () => {
    expect(auditScope(auditor('NCA', null, ['NATIONAL_AUDITOR']))).toEqual({ kind: 'NATIONAL' });
    expect(auditScope(auditor('YHROCU', 'YHROCU', ['ROCU_MANAGER']))).toBeNull();
  });
});
