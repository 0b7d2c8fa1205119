import { findOrganisation, Role, seedOfficers } from '@rocu/domain';

/** A person to sign in as with AUTH_MODE=dev; the API's dev-token route signs the token. */
export interface DevPersona {
  id: string;
  name: string;
  /** Shown first in the persona's label, e.g. "DC" in "DC, West Yorkshire Police, referrer". */
  rank: string;
  roles: Role[];
  org: string;
  /** How the persona's role is described on the sign-in page. */
  roleLabel: string;
  /** The subject their token carries when it must be a seeded officer's (an SIO or LRO the API allocates). */
  sub?: string;
}

/** A seeded officer's name, so the persona is the person the API allocates as SIO or names as LRO. */
const officerName = (sub: string): string => seedOfficers().find((officer) => officer.sub === sub)?.name ?? sub;

export const DEV_PERSONAS: readonly DevPersona[] = [
  {
    id: 'wyp-referrer',
    name: 'DC Jane Smith',
    rank: 'DC',
    roles: ['FORCE_REFERRER'],
    org: 'WYP',
    roleLabel: 'referrer',
  },
  {
    id: 'syp-referrer',
    name: 'DS Amir Khan',
    rank: 'DS',
    roles: ['FORCE_REFERRER'],
    org: 'SYP',
    roleLabel: 'referrer',
  },
  {
    // A partner agency refers like a force (issue 16): its referral goes to the ROCU of the forces affected.
    id: 'hmrc-referrer',
    name: 'Officer Sam Reid',
    rank: 'Officer',
    roles: ['FORCE_REFERRER'],
    org: 'HMRC',
    roleLabel: 'referrer',
  },
  {
    id: 'yhrocu-assessor',
    name: 'DS Priya Patel',
    rank: 'DS',
    roles: ['GATEWAY_ASSESSOR'],
    org: 'YHROCU',
    roleLabel: 'gateway assessor',
  },
  {
    // Records partner-agency checks and GAIN disposals on the region's referrals (issue 16).
    id: 'yhrocu-gain',
    name: 'DC Laura Quinn',
    rank: 'DC',
    roles: ['GAIN_COORDINATOR'],
    org: 'YHROCU',
    roleLabel: 'GAIN co-ordinator',
  },
  {
    id: 'yhrocu-chair',
    name: 'Det Supt Mark Evans',
    rank: 'Det Supt',
    roles: ['TTCG_CHAIR'],
    org: 'YHROCU',
    roleLabel: 'TTCG chair',
  },
  {
    id: 'yhrocu-manager',
    name: 'DCI Helen Brooks',
    rank: 'DCI',
    roles: ['ROCU_MANAGER'],
    org: 'YHROCU',
    roleLabel: 'ROCU manager',
  },
  {
    // Another region's manager: answers Yorkshire's requests for mutual aid (issue 16).
    id: 'emsou-manager',
    name: 'DCI Ruth Okafor',
    rank: 'DCI',
    roles: ['ROCU_MANAGER'],
    org: 'EMSOU',
    roleLabel: 'ROCU manager',
  },
  {
    // The ROCU's SIO (a seeded officer): runs an adopted tasking's 4P plan with the force's LRO.
    id: 'yhrocu-sio',
    sub: 'sio-yhrocu-1',
    name: officerName('sio-yhrocu-1'),
    rank: 'DCI',
    roles: ['SIO'],
    org: 'YHROCU',
    roleLabel: 'SIO',
  },
  {
    // West Yorkshire's LRO (a seeded officer): keeps the 4P plan with the SIO.
    id: 'wyp-lro',
    sub: 'lro-wyp',
    name: officerName('lro-wyp'),
    rank: 'DI',
    roles: ['LRO'],
    org: 'WYP',
    roleLabel: 'LRO',
  },
  {
    id: 'wyp-member',
    name: 'Supt Tom Walsh',
    rank: 'Supt',
    roles: ['TTCG_MEMBER'],
    org: 'WYP',
    roleLabel: 'TTCG member',
  },
  {
    // Answers the national queue: accepts a referral sent national with its reference, or returns it (issue 16).
    id: 'nca-liaison',
    name: 'Officer Chris Lane',
    rank: 'Officer',
    roles: ['NCA_LIAISON'],
    org: 'NCA',
    roleLabel: 'NCA liaison',
  },
];

/** The subject the persona's token carries: stable, so drafts kept per person survive signing out. */
export const personaSub = (persona: DevPersona): string => persona.sub ?? `dev-${persona.id}`;

export const organisationName = (code: string): string => findOrganisation(code)?.name ?? code;

/** "DC, West Yorkshire Police, referrer". */
export const personaLabel = (persona: DevPersona): string =>
  `${persona.rank}, ${organisationName(persona.org)}, ${persona.roleLabel}`;

export const findPersona = (id: unknown): DevPersona | undefined => DEV_PERSONAS.find((persona) => persona.id === id);
