import { REGION_SEEDS } from '@rocu/domain';
import { devToken } from '../stack/api-client';

export interface ActorPair {
  force: string;
  region: string;
  referrer: string;
  assessor: string;
  chair: string;
  manager: string;
}

/** The first force of every region that has a ROCU: its referrers submit, the ROCU's assessors decide. */
export const FORCE_AND_ROCU = REGION_SEEDS.filter((region) => region.hasRocu && region.forces.length > 0).map(
  (region) => ({
    force: region.forces[0].code,
    region: region.code,
  }),
);

/** Dev tokens for a referrer, an assessor, a chair and a manager per region, so load spreads over regions as in real use. */
export async function actorPairs(apiUrl: string): Promise<ActorPair[]> {
  return Promise.all(
    FORCE_AND_ROCU.map(async ({ force, region }) => ({
      force,
      region,
      referrer: await devToken(apiUrl, ['FORCE_REFERRER'], force),
      assessor: await devToken(apiUrl, ['GATEWAY_ASSESSOR'], region),
      chair: await devToken(apiUrl, ['TTCG_CHAIR'], region),
      manager: await devToken(apiUrl, ['ROCU_MANAGER'], region),
    })),
  );
}
