import { isRole } from '@rocu/domain';
import type { SignedInUser } from './web-session';

/** The person an ID token names, before their organisation's name is looked up. */
export type OidcPerson = Omit<SignedInUser, 'orgName'>;

/**
 * The person named by the ID token's claims: `sub`, `roles` (known role names, at least one) and `org` are
 * required; `name` falls back to `sub` as it does in the API. Undefined when any is missing or malformed.
 */
export function personFromClaims(claims: Record<string, unknown>): OidcPerson | undefined {
  const { sub, name, roles, org } = claims;
  if (typeof sub !== 'string' || sub === '' || typeof org !== 'string' || org === '') return undefined;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) return undefined;
  return { sub, name: typeof name === 'string' && name.trim() !== '' ? name : sub, roles, org };
}

interface NamedCode {
  code: string;
  name: string;
}

/** The organisation lists of the API's `GET /reference/organisations` (the parts sign-in reads). */
export interface OrganisationLists {
  forces: NamedCode[];
  rocus: NamedCode[];
  agencies: NamedCode[];
}

/** The name of the organisation with this code in the reference data; undefined when it is not there. */
export function organisationNameIn(lists: OrganisationLists, code: string): string | undefined {
  return [...lists.forces, ...lists.rocus, ...lists.agencies].find((organisation) => organisation.code === code)?.name;
}
