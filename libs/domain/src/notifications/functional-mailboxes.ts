import { effectiveRoles } from '../access/role-organisations';
import { ORGANISATIONS } from '../reference/organisations';
import { ROLES, type Role } from '../roles';
import { seedOfficers } from '../officers/seed-officers';

/** The domain of the seeded addresses; real ones are set in `notification_mailboxes` per deployment. */
export const SEED_MAIL_DOMAIN = 'gateway.example';

/**
 * Roles whose holders see only the taskings they hold: a notice naming one of them goes to their own mailbox or
 * nowhere, never the role's shared one. A notice naming anyone else (a ROCU manager, say) may go to the role's
 * mailbox when they have none of their own: everyone reading it sees the same records.
 */
export const PERSONAL_MAILBOX_ROLES: readonly Role[] = ['SIO', 'LRO'];

export interface Mailbox {
  org: string;
  role: Role;
  /** '' for the role's functional mailbox; a person's sub for their own address. */
  personSub: string;
  address: string;
}

const localPart = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * Seed mailboxes: one functional mailbox per role per organisation where that role belongs (e.g.
 * `rocu-manager.yhrocu@gateway.example`), and each seeded officer's own address (`sio-yhrocu-1@…`).
 */
export function seedMailboxes(domain = SEED_MAIL_DOMAIN): Mailbox[] {
  const functional = ORGANISATIONS.flatMap((org) =>
    effectiveRoles(ROLES, org).map((role): Mailbox => ({
      org: org.code,
      role,
      personSub: '',
      address: `${localPart(role)}.${localPart(org.code)}@${domain}`,
    })),
  );
  const people = seedOfficers().map((officer): Mailbox => ({
    org: officer.org,
    role: officer.role,
    personSub: officer.sub,
    address: `${localPart(officer.sub)}@${domain}`,
  }));
  return [...functional, ...people];
}
