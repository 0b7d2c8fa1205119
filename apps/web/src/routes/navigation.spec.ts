import type { SignedInUser } from '../auth/web-session';
import { navigationFor } from './navigation';

const person = (roles: SignedInUser['roles']): SignedInUser => ({
  sub: 'someone',
  name: 'Someone',
  roles,
  org: 'NCA',
  orgName: 'National Crime Agency',
});

describe('the service navigation', () => {
  it("offers the NCA liaison the national pages and marks only the page's own entry", () => {
    const items = navigationFor(person(['NCA_LIAISON']), '/national/priorities/FIREARMS/retire');
    expect(items.map((item) => item.text)).toEqual([
      'Home',
      'National queue',
      'Tasking request',
      'National priorities',
      'National calendar',
      'National report',
      'Notifications',
    ]);
    expect(items.filter((item) => item.active).map((item) => item.text)).toEqual(['National priorities']);
    expect(
      navigationFor(person(['NCA_LIAISON']), '/national/referrals/1')
        .filter((item) => item.active)
        .map((item) => item.text),
    ).toEqual(['National queue']);
  });

  it('offers mutual aid to ROCU managers only', () => {
    expect(navigationFor(person(['ROCU_MANAGER']), '/').map((item) => item.text)).toContain('Mutual aid');
    expect(navigationFor(person(['TTCG_CHAIR']), '/').map((item) => item.text)).not.toContain('Mutual aid');
  });
});
