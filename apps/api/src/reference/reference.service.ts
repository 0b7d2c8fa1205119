import { Injectable } from '@nestjs/common';
import type { ScoringScheme } from '@rocu/domain';
import type { OrganisationEntity } from '@rocu/persistence';
import { ReferenceDataService } from './reference-data.service';
import { CodeListResponse, OrganisationItem, OrganisationsResponse } from './reference.dto';

const toItem = (org: OrganisationEntity): OrganisationItem => ({
  code: org.code,
  name: org.name,
  kind: org.kind,
  region: org.regionCode,
});

@Injectable()
export class ReferenceService {
  constructor(private readonly data: ReferenceDataService) {}

  async organisations(): Promise<OrganisationsResponse> {
    const [organisations, regions] = await Promise.all([this.data.organisations(), this.data.regions()]);
    const forces = organisations.filter((org) => org.kind === 'FORCE');
    return {
      forces: forces.map(toItem),
      regions: regions.map((region) => ({
        code: region.code,
        name: region.name,
        hasRocu: region.hasRocu,
        cadence: region.cadence,
        forces: forces.filter((force) => force.regionCode === region.code).map((force) => force.code),
      })),
      rocus: organisations.filter((org) => org.kind === 'ROCU').map(toItem),
      agencies: organisations.filter((org) => org.kind === 'AGENCY').map(toItem),
    };
  }

  async capabilities(): Promise<CodeListResponse> {
    return { items: (await this.data.capabilities()).map(({ code, name }) => ({ code, name })) };
  }

  async crimeTypes(): Promise<CodeListResponse> {
    return { items: (await this.data.crimeTypes()).map(({ code, name }) => ({ code, name })) };
  }

  scoringScheme(): Promise<ScoringScheme> {
    return this.data.currentScheme();
  }
}
