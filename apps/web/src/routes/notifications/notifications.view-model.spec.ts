import type { NavigationItem } from '../navigation';
import type { NotificationItem } from './notification-api';
import { inboxView } from './notifications.view-model';
import { withUnreadCount } from './unread-count.interceptor';

const item = (overrides: Partial<NotificationItem>): NotificationItem => ({
  id: '1',
  kind: 'REFERRAL_SUBMITTED',
  title: 'Referral R-1: new referral to triage',
  body: [],
  referralId: 'a1b2',
  reference: 'R-1',
  meetingId: null,
  createdAt: '2026-12-01T10:00:00Z',
  readAt: null,
  ...overrides,
});

describe('inboxView', () => {
  it("marks unread items and links each to the page the person's role has", () => {
    const list = {
      items: [item({}), item({ id: '2', readAt: '2026-12-01T11:00:00Z' })],
      total: 2,
      page: 1,
      pageSize: 20,
      unread: 1,
    };
    const view = inboxView(list, ['GATEWAY_ASSESSOR']);
    expect(view.items.map((entry) => entry.unread)).toEqual([true, false]);
    expect(view.items[0].link).toEqual({ href: '/gateway/referrals/a1b2', text: 'Open referral R-1' });
    expect(inboxView(list, ['FORCE_REFERRER']).items[0].link?.href).toBe('/referrals/a1b2');
    expect(inboxView(list, ['AUDITOR']).items[0].link).toBeUndefined();
    expect(view.showFailures).toBe(false);
    expect(inboxView(list, ['ROCU_MANAGER']).showFailures).toBe(true);
  });
});

describe('withUnreadCount', () => {
  const navigation: NavigationItem[] = [
    { text: 'Home', href: '/', current: false, active: false },
    { text: 'Notifications', href: '/notifications', current: false, active: false },
  ];

  it('adds the count to the notifications entry only, and nothing when all is read', () => {
    const counted = withUnreadCount(navigation, 3);
    expect(counted[0]).toEqual(navigation[0]);
    expect(counted[1].html).toContain('>3<span class="govuk-visually-hidden"> unread</span>');
    expect(withUnreadCount(navigation, 0)).toBe(navigation);
  });
});
