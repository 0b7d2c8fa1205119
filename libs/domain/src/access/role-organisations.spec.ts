import { effectiveRoles } from './role-organisations';

describe('effectiveRoles', () => {
  it('keeps roles that belong to the organisation', () => {
    expect(effectiveRoles(['GATEWAY_ASSESSOR', 'TTCG_CHAIR'], { code: 'YHROCU', kind: 'ROCU' })).toEqual([
      'GATEWAY_ASSESSOR',
      'TTCG_CHAIR',
    ]);
    expect(effectiveRoles(['FORCE_REFERRER', 'LRO'], { code: 'WYP', kind: 'FORCE' })).toEqual([
      'FORCE_REFERRER',
      'LRO',
    ]);
    expect(effectiveRoles(['NCA_LIAISON', 'FORCE_REFERRER'], { code: 'NCA', kind: 'AGENCY' })).toEqual([
      'NCA_LIAISON',
      'FORCE_REFERRER',
    ]);
  });

  it('drops roles claimed in the wrong kind of organisation', () => {
    expect(effectiveRoles(['NCA_LIAISON'], { code: 'HMRC', kind: 'AGENCY' })).toEqual([]);
    expect(effectiveRoles(['GATEWAY_ASSESSOR', 'FORCE_REFERRER'], { code: 'WYP', kind: 'FORCE' })).toEqual([
      'FORCE_REFERRER',
    ]);
    expect(effectiveRoles(['LRO', 'TTCG_MEMBER'], { code: 'YHROCU', kind: 'ROCU' })).toEqual([]);
  });

  it('lets auditors sit in any organisation', () => {
    expect(effectiveRoles(['AUDITOR'], { code: 'WYP', kind: 'FORCE' })).toEqual(['AUDITOR']);
  });
});
