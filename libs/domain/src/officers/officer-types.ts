import type { Priority } from '../scoring/scoring-scheme';

/** Specialisms an SIO or LRO may hold (issue #5); a referral needs those of its crime types. */
export const SPECIALISMS = [
  'DRUGS',
  'FIREARMS',
  'CYBER',
  'FRAUD',
  'ECONOMIC_CRIME',
  'CHILD_SEXUAL_EXPLOITATION',
  'MODERN_SLAVERY',
] as const;
export type Specialism = (typeof SPECIALISMS)[number];

/** UK police vetting, lowest first: recruitment, management, then national security (SC, DV). */
export const VETTING_LEVELS = ['RV', 'MV', 'SC', 'DV'] as const;
export type VettingLevel = (typeof VETTING_LEVELS)[number];

export const OFFICER_ROLES = ['SIO', 'LRO'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export interface Officer {
  sub: string;
  name: string;
  /** A ROCU code for SIOs, a force code for LROs. */
  org: string;
  region: string;
  role: OfficerRole;
  specialisms: readonly Specialism[];
  vetting: VettingLevel;
  /** Workload points the officer can carry at once. */
  capacity: number;
}

/** Workload points an active tasking costs its SIO, by the referral's priority band. */
export const TASKING_COST: Readonly<Record<Priority, number>> = { P1: 4, P2: 3, P3: 2, P4: 1 };
/** The cost of a tasking that has not been scored (never expected after adoption, but never free). */
export const UNSCORED_TASKING_COST = TASKING_COST.P2;

const isMember = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
export const isSpecialism = (value: unknown): value is Specialism => isMember(SPECIALISMS, value);
export const isOfficerRole = (value: unknown): value is OfficerRole => isMember(OFFICER_ROLES, value);
