import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  Officer,
  Priority,
  rankCandidates,
  RuleCheck,
  TASKING_COST,
  TaskingNeeds,
  taskingNeeds,
  UNSCORED_TASKING_COST,
} from '@rocu/domain';
import { appendActorAudit, conflictedPeople, officerRegister, type ReferralEntity } from '@rocu/persistence';
import { ReferralQueriesService } from '../referrals/referral-queries.service';
import { ListOfficersQuery } from './list-officers.query';
import { CandidateDto, OfficerListResponse } from './officer-views.dto';

/** The officer register and who can take a tasking, with today's workload and the workload if allocated. */
@Injectable()
export class OfficersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralQueriesService,
  ) {}

  find(sub: string): Promise<Officer | undefined> {
    return officerRegister.find(this.dataSource, sub);
  }

  /** What a referral asks of its SIO: specialisms from its crime types, vetting from its route, cost from its priority. */
  async needsOf(referral: ReferralEntity): Promise<TaskingNeeds> {
    const route = await officerRegister.latestRoute(this.dataSource, referral.id);
    return taskingNeeds({
      crimeTypes: referral.submission.crimeTypes,
      route: route ?? null,
      priority: referral.priority as Priority | null,
    });
  }

  /** Who may take a tasking; the read is audited with the officers shown (and the referral, whose needs it reveals). */
  async candidates(actor: Actor, query: ListOfficersQuery, correlationId: string): Promise<OfficerListResponse> {
    const referral = query.referralId ? await this.referrals.findVisible(actor, query.referralId) : undefined;
    // A ROCU manager allocates within their own region only.
    const region = query.region ?? referral?.region ?? actor.region;
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    if (region === null || region !== actor.region) return empty;
    const needs = referral
      ? await this.needsOf(referral)
      : {
          specialisms: query.specialism ? [query.specialism] : [],
          vetting: 'RV' as const,
          cost: UNSCORED_TASKING_COST,
        };
    // SIOs of other regions lent to this tasking by an active loan are candidates for it (and for it only).
    const lent = referral && query.role === 'SIO' ? await this.lentTo(referral.id) : new Map<string, string>();
    const [officers, loads, conflicted] = await Promise.all([
      officerRegister.candidates(this.dataSource, {
        region,
        role: query.role,
        specialism: query.specialism ?? null,
        alsoSubs: [...lent.keys()],
      }),
      this.loads([region, ...lent.values()], query.role),
      referral ? this.conflicted(referral.id) : Promise.resolve(new Set<string>()),
    ]);
    const ranked = rankCandidates(officers, loads, needs, conflicted);
    const start = (query.page - 1) * query.pageSize;
    const shown = ranked.slice(start, start + query.pageSize);
    await appendActorAudit(this.dataSource.manager, actor, {
      action: 'OFFICERS_LISTED',
      entityType: referral ? 'referral' : 'officer',
      entityId: referral?.id ?? null,
      correlationId,
      details: { subs: shown.map((candidate) => candidate.officer.sub), total: ranked.length, filters: { ...query } },
    });
    return {
      items: shown.map((candidate): CandidateDto => ({
        ...candidate.officer,
        specialisms: [...candidate.officer.specialisms],
        workload: candidate.workload,
        workloadAfterAllocation: candidate.workloadAfterAllocation,
        matchedSpecialisms: candidate.matchedSpecialisms,
        eligible: candidate.eligible,
        ineligibleReasons: candidate.ineligibleReasons,
        rules: candidate.rules,
        lentBy: lent.get(candidate.officer.sub) ?? null,
      })),
      total: ranked.length,
      page: query.page,
      pageSize: query.pageSize,
      ...(referral ? { needs } : {}),
    };
  }

  /** Which allocation rules making this officer the referral's SIO meets or breaks (as the candidate list shows). */
  async rulesFor(officer: Officer, referral: ReferralEntity): Promise<RuleCheck[]> {
    const [needs, loads, conflicted] = await Promise.all([
      this.needsOf(referral),
      this.loads([officer.region], 'SIO'),
      this.conflicted(referral.id),
    ]);
    return rankCandidates([officer], loads, needs, conflicted)[0].rules;
  }

  /** People with a declared conflict on this referral or its subject (at an allocation or a meeting). */
  conflicted(referralId: string): Promise<Set<string>> {
    return conflictedPeople(this.dataSource.manager, referralId);
  }

  /** The SIOs lent to the referral by an active (approved, not ended) loan, with their lending region. */
  private async lentTo(referralId: string): Promise<Map<string, string>> {
    const rows = await officerRegister.lentTo(this.dataSource, referralId);
    return new Map(rows.map((row) => [row.sub, row.region]));
  }

  /**
   * The active taskings of each officer of the regions, costed by priority: wherever the tasking is, so an SIO
   * lent to another region by mutual aid carries that tasking at home.
   */
  private async loads(
    regions: string[],
    role: 'SIO' | 'LRO',
  ): Promise<Map<string, { points: number; taskings: number }>> {
    const rows = await officerRegister.taskingLoads(this.dataSource, regions, role);
    const loads = new Map<string, { points: number; taskings: number }>();
    for (const row of rows) {
      const load = loads.get(row.sub) ?? { points: 0, taskings: 0 };
      load.points += row.n * (row.priority ? TASKING_COST[row.priority] : UNSCORED_TASKING_COST);
      load.taskings += row.n;
      loads.set(row.sub, load);
    }
    return loads;
  }
}
