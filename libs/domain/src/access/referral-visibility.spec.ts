import type { Actor } from '../roles';
import { canSeeReferral, referralScopes } from './referral-visibility';

const actor = (roles: Actor['roles'], org: string, region: string | null): Actor => ({
  sub: 'u',
  name: 'U',
  roles,
  org,
  region,
});
const wypReferral = { ownerOrg: 'WYP', region: 'YHROCU', status: 'TRIAGE' };

describe('referral visibility', () => {
  it('lets a referrer see only their own organisation', () => {
    expect(canSeeReferral(actor(['FORCE_REFERRER'], 'WYP', 'YHROCU'), wypReferral)).toBe(true);
    expect(canSeeReferral(actor(['FORCE_REFERRER'], 'SYP', 'YHROCU'), wypReferral)).toBe(false);
  });

  it('lets ROCU staff see their region only', () => {
    expect(canSeeReferral(actor(['GATEWAY_ASSESSOR'], 'YHROCU', 'YHROCU'), wypReferral)).toBe(true);
    expect(canSeeReferral(actor(['GATEWAY_ASSESSOR'], 'EMSOU', 'EMSOU'), wypReferral)).toBe(false);
  });

  it('lets NCA liaison see referrals referred national', () => {
    const nca = actor(['NCA_LIAISON'], 'NCA', null);
    expect(canSeeReferral(nca, wypReferral)).toBe(false);
    expect(canSeeReferral(nca, { ...wypReferral, status: 'REFERRED_NATIONAL' })).toBe(true);
  });

  it('gives auditors no operational view', () => {
    expect(referralScopes(actor(['AUDITOR'], 'YHROCU', 'YHROCU'))).toEqual([]);
  });

  it('shows an SIO or LRO only their own taskings, not the region or force at large', () => {
    expect(canSeeReferral(actor(['SIO'], 'YHROCU', 'YHROCU'), wypReferral)).toBe(false);
    expect(canSeeReferral(actor(['LRO'], 'WYP', 'YHROCU'), wypReferral)).toBe(false);
    expect(canSeeReferral(actor(['LRO'], 'WYP', 'YHROCU'), { ...wypReferral, lro: { sub: 'u', org: 'WYP' } })).toBe(
      true,
    );
  });

  it('lets the assigned SIO and LRO see their tasking, whatever their organisation', () => {
    const syp = { ...actor(['LRO'], 'SYP', 'YHROCU'), sub: 'lro-syp' };
    expect(canSeeReferral(syp, wypReferral)).toBe(false);
    const sypTasking = { ...wypReferral, lro: { sub: 'lro-syp', org: 'SYP' } };
    expect(canSeeReferral(syp, sypTasking)).toBe(true);
    const sio = { ...actor(['SIO'], 'EMSOU', 'EMSOU'), sub: 'sio-emsou-1' };
    expect(canSeeReferral(sio, { ...wypReferral, sio: { sub: 'sio-emsou-1', org: 'EMSOU' } })).toBe(true);
    // The assignment binds the person in that role, not anyone holding their sub in another role...
    expect(canSeeReferral({ ...syp, roles: ['FORCE_REFERRER'] }, { ...sypTasking, ownerOrg: 'X' })).toBe(false);
    expect(canSeeReferral({ ...syp, roles: ['SIO'] }, sypTasking)).toBe(false);
    // ...nor the same sub in another organisation.
    expect(canSeeReferral({ ...syp, org: 'WYP' }, sypTasking)).toBe(false);
  });
});
