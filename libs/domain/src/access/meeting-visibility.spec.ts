import type { Actor } from '../roles';
import { meetingRegionOf, meetingScopes } from './meeting-visibility';

const actor = (roles: Actor['roles'], region: string | null): Actor => ({
  sub: 'u',
  name: 'U',
  roles,
  org: 'X',
  region,
});

describe('meetingRegionOf', () => {
  it('gives chairs, members and ROCU staff their own region', () => {
    expect(meetingRegionOf(actor(['TTCG_CHAIR'], 'YHROCU'))).toBe('YHROCU');
    expect(meetingRegionOf(actor(['TTCG_MEMBER'], 'EMSOU'))).toBe('EMSOU');
  });

  it('gives referrers, auditors and people without a region nothing', () => {
    expect(meetingRegionOf(actor(['FORCE_REFERRER'], 'YHROCU'))).toBeNull();
    expect(meetingRegionOf(actor(['AUDITOR'], 'YHROCU'))).toBeNull();
    expect(meetingRegionOf(actor(['TTCG_MEMBER'], null))).toBeNull();
  });
});

describe('meetingScopes', () => {
  it('lets a TTCG member also see the meetings they attend, whatever their region', () => {
    expect(meetingScopes({ ...actor(['TTCG_MEMBER'], null), sub: 'nca-1' })).toEqual([
      { kind: 'ATTENDING', sub: 'nca-1', org: 'X' },
    ]);
    expect(meetingScopes(actor(['TTCG_MEMBER'], 'YHROCU'))).toEqual([
      { kind: 'REGION', region: 'YHROCU' },
      { kind: 'ATTENDING', sub: 'u', org: 'X' },
    ]);
  });

  it('lets an SIO see only the meetings they attend, not the whole region', () => {
    expect(meetingRegionOf(actor(['SIO'], 'YHROCU'))).toBeNull();
    expect(meetingScopes(actor(['SIO'], 'YHROCU'))).toEqual([{ kind: 'ATTENDING', sub: 'u', org: 'X' }]);
  });

  it('gives region staff their region only, and others nothing', () => {
    expect(meetingScopes(actor(['TTCG_CHAIR'], 'YHROCU'))).toEqual([{ kind: 'REGION', region: 'YHROCU' }]);
    expect(meetingScopes(actor(['FORCE_REFERRER'], 'YHROCU'))).toEqual([]);
  });
});
