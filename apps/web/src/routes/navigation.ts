import type { Role } from '@rocu/domain';
import type { SignedInUser } from '../auth/web-session';

/** A journey's entry in the service navigation, shown to the roles it serves. */
export interface NavigationEntry {
  text: string;
  href: string;
  roles: readonly Role[] | 'everyone';
}

/** The gateway team: its assessors and its GAIN co-ordinator (partner checks and disposals). */
export const GATEWAY_TEAM: readonly Role[] = ['GATEWAY_ASSESSOR', 'GAIN_COORDINATOR'];

export const NCA_LIAISON: readonly Role[] = ['NCA_LIAISON'];

export const NOTIFICATIONS_HREF = '/notifications';

/** Each journey adds its entry here (one line), so navigation and the home page stay in step. */
export const NAVIGATION: readonly NavigationEntry[] = [
  { text: 'Home', href: '/', roles: 'everyone' },
  // The SIO and LRO find their taskings (and each one's 4P plan) among the referrals the API lists them.
  { text: 'Referrals', href: '/referrals', roles: ['FORCE_REFERRER', 'SIO', 'LRO'] },
  { text: 'Meetings', href: '/meetings', roles: ['TTCG_CHAIR', 'TTCG_MEMBER', 'ROCU_MANAGER'] },
  { text: 'Work queue', href: '/gateway', roles: GATEWAY_TEAM },
  { text: 'National queue', href: '/national', roles: NCA_LIAISON },
  { text: 'Tasking request', href: '/national/tasking-requests/new', roles: NCA_LIAISON },
  { text: 'National priorities', href: '/national/priorities', roles: NCA_LIAISON },
  { text: 'National calendar', href: '/national/calendar', roles: NCA_LIAISON },
  { text: 'National report', href: '/national/report', roles: NCA_LIAISON },
  { text: 'Taskings', href: '/taskings', roles: ['ROCU_MANAGER'] },
  { text: 'Mutual aid', href: '/mutual-aid', roles: ['ROCU_MANAGER'] },
  { text: 'Notifications', href: NOTIFICATIONS_HREF, roles: 'everyone' },
];

export interface NavigationItem {
  text: string;
  /** Set instead of the text where the entry carries a count (the unread notifications). */
  html?: string;
  href: string;
  current: boolean;
  active: boolean;
}

const isWithin = (href: string, path: string): boolean =>
  href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);

/**
 * The entries the signed-in person may use, the one they are in marked current; the page is within the most
 * specific entry it falls under (a national priority page is under "National priorities", not "National queue").
 */
export function navigationFor(user: SignedInUser | undefined, path: string): NavigationItem[] {
  if (!user) return [];
  const entries = NAVIGATION.filter(
    (entry) => entry.roles === 'everyone' || entry.roles.some((role) => user.roles.includes(role)),
  );
  const within = entries
    .filter((entry) => isWithin(entry.href, path))
    .reduce<NavigationEntry | undefined>(
      (best, entry) => (best && best.href.length >= entry.href.length ? best : entry),
      undefined,
    );
  return entries.map((entry) => ({
    text: entry.text,
    href: entry.href,
    current: path === entry.href,
    active: entry === within,
  }));
}
