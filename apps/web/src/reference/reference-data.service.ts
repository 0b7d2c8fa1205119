import { Injectable } from '@nestjs/common';
import { ApiClient } from '../api/api-client.service';
import type { WebSession } from '../auth/web-session';

export interface CodeName {
  code: string;
  name: string;
}

export interface ReferenceLists {
  crimeTypes: CodeName[];
  capabilities: CodeName[];
  forces: CodeName[];
  /** Regions with a ROCU gateway (an agency's referral may name one). */
  rocuRegions: CodeName[];
  /** Partner agencies (NCA, HMRC, ...): they refer without a region, and GAIN checks them. */
  agencies: CodeName[];
}

const KEEP_FOR_MS = 5 * 60_000;

/**
 * The code lists forms offer (crime types, capabilities, forces, regions, agencies), read from the API's reference routes so
 * the web app offers exactly the codes the API accepts; kept for a few minutes per process.
 */
@Injectable()
export class ReferenceData {
  private cached?: { lists: ReferenceLists; until: number };

  constructor(private readonly api: ApiClient) {}

  async lists(session: WebSession): Promise<ReferenceLists> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.lists;
    const [crimeTypes, capabilities, organisations] = await Promise.all([
      this.api.get<{ items: CodeName[] }>(session, '/reference/crime-types'),
      this.api.get<{ items: CodeName[] }>(session, '/reference/capabilities'),
      this.api.get<{ forces: CodeName[]; regions: (CodeName & { hasRocu: boolean })[]; agencies: CodeName[] }>(
        session,
        '/reference/organisations',
      ),
    ]);
    const pick = ({ code, name }: CodeName): CodeName => ({ code, name });
    const byName = (a: CodeName, b: CodeName): number => a.name.localeCompare(b.name);
    const lists = {
      crimeTypes: crimeTypes.items.map(pick),
      capabilities: capabilities.items.map(pick),
      forces: organisations.forces.map(pick).sort(byName),
      rocuRegions: organisations.regions
        .filter((region) => region.hasRocu)
        .map(pick)
        .sort(byName),
      agencies: organisations.agencies.map(pick).sort(byName),
    };
    this.cached = { lists, until: Date.now() + KEEP_FOR_MS };
    return lists;
  }
}

/** A code's name from a list, or the code itself when the list does not know it. */
export const nameOf = (list: readonly CodeName[], code: string): string =>
  list.find((entry) => entry.code === code)?.name ?? code;
