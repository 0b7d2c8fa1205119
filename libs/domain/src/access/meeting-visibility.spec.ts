import type { Actor } from '../roles';
import { meetingRegionOf } from './meeting-visibility';

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
