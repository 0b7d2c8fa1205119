import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@rocu/config';
import { DomainError, RoutingFacts, ScoringScheme } from '@rocu/domain';
import { CodeListEntryEntity, OrganisationEntity, RegionEntity, ScoringSchemeEntity } from '@rocu/persistence';

interface ReferenceSnapshot {
  organisations: Map<string, OrganisationEntity>;
  regions: RegionEntity[];
  capabilities: CodeListEntryEntity[];
  crimeTypes: CodeListEntryEntity[];
  scheme: ScoringScheme;
  loadedAt: number;
}

/**
 * Reference data from the database (seeded from libs/domain, editable), cached for REFERENCE_CACHE_MS: it is
 * edited rarely, so a short-lived in-memory copy saves a query on every request.
 */
@Injectable()
export class ReferenceDataService {
  private snapshot?: Promise<ReferenceSnapshot>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private load(): Promise<ReferenceSnapshot> {
    const current = this.snapshot;
    if (current) {
      return current.then((snapshot) =>
        Date.now() - snapshot.loadedAt < this.config.REFERENCE_CACHE_MS ? snapshot : this.reload(),
      );
    }
    return this.reload();
  }

  private reload(): Promise<ReferenceSnapshot> {
    const loading = this.fetch();
    this.snapshot = loading;
    loading.catch(() => {
      if (this.snapshot === loading) this.snapshot = undefined;
    });
    return loading;
  }

  private async fetch(): Promise<ReferenceSnapshot> {
    const [organisations, regions, codes, scheme] = await Promise.all([
      this.dataSource.getRepository(OrganisationEntity).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(RegionEntity).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(CodeListEntryEntity).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(ScoringSchemeEntity).findOne({ where: { isCurrent: true } }),
    ]);
    if (!scheme) throw new DomainError('UNAVAILABLE', 'No current scoring scheme is configured');
    return {
      organisations: new Map(organisations.map((org) => [org.code, org])),
      regions,
      capabilities: codes.filter((entry) => entry.list === 'CAPABILITY'),
      crimeTypes: codes.filter((entry) => entry.list === 'CRIME_TYPE'),
      scheme: scheme.definition,
      loadedAt: Date.now(),
    };
  }

  async findOrganisation(code: string): Promise<OrganisationEntity | undefined> {
    return (await this.load()).organisations.get(code);
  }

  async organisations(): Promise<OrganisationEntity[]> {
    return [...(await this.load()).organisations.values()];
  }

  async regions(): Promise<RegionEntity[]> {
    return (await this.load()).regions;
  }

  async capabilities(): Promise<CodeListEntryEntity[]> {
    return (await this.load()).capabilities;
  }

  async crimeTypes(): Promise<CodeListEntryEntity[]> {
    return (await this.load()).crimeTypes;
  }

  /** The current reference data as the facts `routeReferral` decides on. */
  async routingFacts(): Promise<RoutingFacts> {
    const { organisations, regions } = await this.load();
    const withRocu = new Set(regions.filter((region) => region.hasRocu).map((region) => region.code));
    return {
      regionOf: (force) => organisations.get(force)?.regionCode ?? null,
      hasRocu: (region) => withRocu.has(region),
    };
  }

  async currentScheme(): Promise<ScoringScheme> {
    return (await this.load()).scheme;
  }
}
