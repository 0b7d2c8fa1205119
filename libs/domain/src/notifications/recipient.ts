import type { Role } from '../roles';

/** Who a notice is for: everyone in a role at an organisation, or one named person there. */
export interface Recipient {
  role: Role;
  org: string;
  /** The one person meant, when it is not everyone in that role and organisation. */
  sub?: string;
}
