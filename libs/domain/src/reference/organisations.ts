import { REGION_SEEDS } from './regions';

export type OrganisationKind = 'FORCE' | 'ROCU' | 'AGENCY';

export interface Organisation {
  code: string;
  name: string;
  kind: OrganisationKind;
  /** Force: its region; ROCU: its own code; national agency or national force: null. */
  region: string | null;
}

/** National partner agencies (domain.md section 3); others join through GAIN. */
export const AGENCIES: readonly Organisation[] = [
  { code: 'NCA', name: 'National Crime Agency', kind: 'AGENCY', region: null },
  { code: 'HMRC', name: 'HM Revenue and Customs', kind: 'AGENCY', region: null },
  { code: 'BORDER_FORCE', name: 'Border Force', kind: 'AGENCY', region: null },
  { code: 'IMMIGRATION_ENFORCEMENT', name: 'Immigration Enforcement', kind: 'AGENCY', region: null },
];

/**
 * National forces belong to no region and have no ROCU: British Transport Police refers to the ROCU where
 * the crime is, by naming the forces affected (domain.md section 3).
 */
export const NATIONAL_FORCES: readonly Organisation[] = [
  { code: 'BTP', name: 'British Transport Police', kind: 'FORCE', region: null },
];

/** Derived from the region seeds so force membership is stated once. */
export const ORGANISATIONS: readonly Organisation[] = [
  ...REGION_SEEDS.flatMap((region) =>
    region.forces.map((force): Organisation => ({ ...force, kind: 'FORCE', region: region.code })),
  ),
  ...REGION_SEEDS.flatMap((region): Organisation[] =>
    region.rocuName === null ? [] : [{ code: region.code, name: region.rocuName, kind: 'ROCU', region: region.code }],
  ),
  ...NATIONAL_FORCES,
  ...AGENCIES,
];

const BY_CODE: ReadonlyMap<string, Organisation> = new Map(ORGANISATIONS.map((org) => [org.code, org]));

export function findOrganisation(code: string): Organisation | undefined {
  return BY_CODE.get(code);
}

/** Force -> its region; ROCU -> itself; agency or unknown code -> null. */
export function regionOf(orgCode: string): string | null {
  return findOrganisation(orgCode)?.region ?? null;
}
