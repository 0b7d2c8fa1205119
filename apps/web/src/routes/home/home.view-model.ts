import type { SignedInUser } from '../../auth/web-session';
import { navigationFor } from '../navigation';

export interface HomeView {
  pageTitle: string;
  name: string;
  orgName: string;
  journeys: { text: string; href: string }[];
}

/** The signed-in person's starting points: the journeys their roles may use. */
export function homeView(user: SignedInUser | undefined): HomeView {
  return {
    pageTitle: 'Home',
    name: user?.name ?? '',
    orgName: user?.orgName ?? '',
    journeys: navigationFor(user, '/')
      .filter((item) => item.href !== '/')
      .map(({ text, href }) => ({ text, href })),
  };
}
