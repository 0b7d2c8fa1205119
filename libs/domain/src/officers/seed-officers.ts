import { REGION_SEEDS } from '../reference/regions';
import { Officer, Specialism, VettingLevel } from './officer-types';

/** The SIO profiles every ROCU is seeded with: a spread of specialisms, vetting and capacity. */
const SIO_PROFILES: readonly { specialisms: Specialism[]; vetting: VettingLevel; capacity: number }[] = [
  { specialisms: ['DRUGS', 'FIREARMS'], vetting: 'SC', capacity: 10 },
  { specialisms: ['CYBER', 'FRAUD'], vetting: 'SC', capacity: 8 },
  { specialisms: ['ECONOMIC_CRIME', 'FRAUD'], vetting: 'MV', capacity: 10 },
  { specialisms: ['CHILD_SEXUAL_EXPLOITATION', 'MODERN_SLAVERY'], vetting: 'DV', capacity: 8 },
  { specialisms: ['DRUGS', 'MODERN_SLAVERY'], vetting: 'MV', capacity: 12 },
];

const SURNAMES = ['Ashworth', 'Bhatti', 'Clarke', 'Davies', 'Evans', 'Fraser', 'Gill', 'Hughes', 'Iqbal', 'Jones'];

const surname = (index: number): string => SURNAMES[index % SURNAMES.length];

/**
 * Seed officers (editable data): five SIOs per ROCU and one LRO per force. Subs are stable
 * (`sio-yhrocu-1`, `lro-wyp`) so development tokens can name them.
 */
export function seedOfficers(): Officer[] {
  const officers: Officer[] = [];
  for (const region of REGION_SEEDS) {
    if (region.hasRocu) {
      SIO_PROFILES.forEach((profile, index) => {
        officers.push({
          sub: `sio-${region.code.toLowerCase()}-${index + 1}`,
          name: `DCI ${surname(officers.length)}`,
          org: region.code,
          region: region.code,
          role: 'SIO',
          ...profile,
          specialisms: [...profile.specialisms],
        });
      });
    }
    region.forces.forEach((force, index) => {
      officers.push({
        sub: `lro-${force.code.toLowerCase()}`,
        name: `DI ${surname(officers.length)}`,
        org: force.code,
        region: region.code,
        role: 'LRO',
        specialisms: [SIO_PROFILES[index % SIO_PROFILES.length].specialisms[0]],
        vetting: 'MV',
        capacity: 6,
      });
    });
  }
  return officers;
}
