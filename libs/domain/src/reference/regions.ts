export type MeetingCadence = 'MONTHLY' | 'SIX_WEEKLY' | 'TWELVE_WEEKLY';

export interface Region {
  /** For ROCU regions the region code is the ROCU's organisation code. */
  code: string;
  name: string;
  hasRocu: boolean;
  /** Force organisation codes. */
  forces: readonly string[];
  /** TTCG cadence (seed default, editable); null where there is no ROCU. */
  cadence: MeetingCadence | null;
}

export interface ForceSeed {
  code: string;
  name: string;
}

export interface RegionSeed extends Omit<Region, 'forces'> {
  /** Name of the ROCU as an organisation; null where there is no ROCU. */
  rocuName: string | null;
  forces: readonly ForceSeed[];
}

/**
 * Seed data (domain.md section 3). Regions change over time (Kent moved to ERSOU), so membership is
 * data: edit here, never branch on a force code in code.
 */
export const REGION_SEEDS: readonly RegionSeed[] = [
  {
    code: 'ERSOU',
    name: 'Eastern',
    rocuName: 'Eastern Region Special Operations Unit',
    hasRocu: true,
    cadence: 'MONTHLY',
    forces: [
      { code: 'BEDS', name: 'Bedfordshire Police' },
      { code: 'CAMBS', name: 'Cambridgeshire Constabulary' },
      { code: 'ESSEX', name: 'Essex Police' },
      { code: 'HERTS', name: 'Hertfordshire Constabulary' },
      { code: 'KENT', name: 'Kent Police' },
      { code: 'NORFOLK', name: 'Norfolk Constabulary' },
      { code: 'SUFFOLK', name: 'Suffolk Constabulary' },
    ],
  },
  {
    code: 'EMSOU',
    name: 'East Midlands',
    rocuName: 'East Midlands Special Operations Unit',
    hasRocu: true,
    cadence: 'SIX_WEEKLY',
    forces: [
      { code: 'DERBYS', name: 'Derbyshire Constabulary' },
      { code: 'LEICS', name: 'Leicestershire Police' },
      { code: 'LINCS', name: 'Lincolnshire Police' },
      { code: 'NORTHANTS', name: 'Northamptonshire Police' },
      { code: 'NOTTS', name: 'Nottinghamshire Police' },
    ],
  },
  {
    code: 'NERSOU',
    name: 'North East',
    rocuName: 'North East Regional Special Operations Unit',
    hasRocu: true,
    cadence: 'MONTHLY',
    forces: [
      { code: 'CLEVELAND', name: 'Cleveland Police' },
      { code: 'DURHAM', name: 'Durham Constabulary' },
      { code: 'NORTHUMBRIA', name: 'Northumbria Police' },
    ],
  },
  {
    code: 'NWROCU',
    name: 'North West',
    rocuName: 'North West Regional Organised Crime Unit (Titan)',
    hasRocu: true,
    cadence: 'MONTHLY',
    forces: [
      { code: 'CHESHIRE', name: 'Cheshire Constabulary' },
      { code: 'CUMBRIA', name: 'Cumbria Constabulary' },
      { code: 'GMP', name: 'Greater Manchester Police' },
      { code: 'LANCS', name: 'Lancashire Constabulary' },
      { code: 'MER', name: 'Merseyside Police' },
      { code: 'NWP', name: 'North Wales Police' },
    ],
  },
  {
    code: 'YHROCU',
    name: 'Yorkshire and the Humber',
    rocuName: 'Yorkshire and the Humber Regional Organised Crime Unit',
    hasRocu: true,
    cadence: 'MONTHLY',
    forces: [
      { code: 'HUM', name: 'Humberside Police' },
      { code: 'NYP', name: 'North Yorkshire Police' },
      { code: 'SYP', name: 'South Yorkshire Police' },
      { code: 'WYP', name: 'West Yorkshire Police' },
    ],
  },
  {
    code: 'ROCUWM',
    name: 'West Midlands',
    rocuName: 'Regional Organised Crime Unit for the West Midlands',
    hasRocu: true,
    cadence: 'SIX_WEEKLY',
    forces: [
      { code: 'STAFFS', name: 'Staffordshire Police' },
      { code: 'WARKS', name: 'Warwickshire Police' },
      { code: 'WMERCIA', name: 'West Mercia Police' },
      { code: 'WMP', name: 'West Midlands Police' },
    ],
  },
  {
    code: 'SEROCU',
    name: 'South East',
    rocuName: 'South East Regional Organised Crime Unit',
    hasRocu: true,
    cadence: 'MONTHLY',
    forces: [
      { code: 'HIOW', name: 'Hampshire and Isle of Wight Constabulary' },
      { code: 'SURREY', name: 'Surrey Police' },
      { code: 'SUSSEX', name: 'Sussex Police' },
      { code: 'TVP', name: 'Thames Valley Police' },
    ],
  },
  {
    code: 'SWROCU',
    name: 'South West',
    rocuName: 'South West Regional Organised Crime Unit',
    hasRocu: true,
    cadence: 'TWELVE_WEEKLY',
    forces: [
      { code: 'ASP', name: 'Avon and Somerset Police' },
      { code: 'DCP', name: 'Devon and Cornwall Police' },
      { code: 'DORSET', name: 'Dorset Police' },
      { code: 'GLOS', name: 'Gloucestershire Constabulary' },
      { code: 'WILTS', name: 'Wiltshire Police' },
    ],
  },
  {
    code: 'TARIAN',
    name: 'Southern Wales',
    rocuName: 'Tarian Regional Organised Crime Unit',
    hasRocu: true,
    cadence: 'MONTHLY',
    forces: [
      { code: 'DPP', name: 'Dyfed-Powys Police' },
      { code: 'GWENT', name: 'Gwent Police' },
      { code: 'SWP', name: 'South Wales Police' },
    ],
  },
  {
    // The tenth region: the two London forces have no ROCU.
    code: 'LONDON',
    name: 'London',
    rocuName: null,
    hasRocu: false,
    cadence: null,
    forces: [
      { code: 'MPS', name: 'Metropolitan Police Service' },
      { code: 'COLP', name: 'City of London Police' },
    ],
  },
];

export const REGIONS: readonly Region[] = REGION_SEEDS.map(({ code, name, hasRocu, cadence, forces }) => ({
  code,
  name,
  hasRocu,
  cadence,
  forces: forces.map((force) => force.code),
}));

export function findRegion(code: string): Region | undefined {
  return REGIONS.find((region) => region.code === code);
}
