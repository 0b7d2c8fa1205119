import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  exceptionRefusal,
  ownerChangeRefusal,
  Participant,
  PlanRole,
  rulesNeedingJustification,
  sioAllocationRefusal,
  vettingMeets,
} from '@rocu/domain';
import {
  AllocateSioCommand,
  AllocateSioResult,
  allocateSioUpdate,
  closeReferralUpdate,
  NameLroCommand,
  nameLroUpdate,
  reallocateSioUpdate,
  replaceLroUpdate,
} from '@rocu/contracts';
import type { ReferralEntity } from '@rocu/persistence';
import { MutualAidService } from '../mutual-aid/mutual-aid.service';
import { OfficersService } from '../officers/officers.service';
import { ReferralUpdatesService } from '../referrals/referral-updates.service';
import { ReferralStatusDto, statusView } from '../referrals/referral-views.dto';
import { keyedRequest } from '../common/keyed-update';
import {
  AllocateSioRequest,
  AllocationResultDto,
  CloseReferralRequest,
  NameLroRequest,
  ReallocateSioRequest,
  ReplaceLroRequest,
} from './tasking-requests.dto';

const unknownOfficer = (field: string, message: string) =>
  new DomainError('VALIDATION', message, { errors: [{ field, code: 'unknown_officer', message }] });

/** A command for the referral's workflow, and the API's pre-check of it against the read model. */
interface Prepared<C> {
  command: C;
  check: (referral: ReferralEntity) => Promise<void>;
}

/** The same pure rule as the workflow's validator, on the read model: someone else, with a reason. */
function refuseOwnerChange(role: PlanRole, currentSub: string | null, next: Participant, reason: string): void {
  const current = currentSub === null ? undefined : { sub: currentSub };
  const refusal = ownerChangeRefusal({ role, current, next, reason });
  if (refusal !== null) throw new DomainError('BUSINESS_RULE', refusal);
}

/**
 * After adoption: the ROCU manager allocates (and may reallocate) the SIO, the force names (and may
 * replace) its LRO, the ROCU manager closes.
 */
@Injectable()
export class TaskingCommandsService {
  constructor(
    private readonly updates: ReferralUpdatesService,
    private readonly officers: OfficersService,
    private readonly mutualAid: MutualAidService,
  ) {}

  async allocateSio(
    actor: Actor,
    id: string,
    request: AllocateSioRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<AllocationResultDto> {
    const { command, check } = await this.allocation(actor, request, correlationId);
    const keyed = keyedRequest(idempotencyKey, request);
    const event = { type: 'ALLOCATE_SIO' } as const;
    const result = await this.updates.send(actor, id, event, allocateSioUpdate, command, check, keyed);
    return allocationResult(result, command);
  }

  /** The ROCU manager hands the tasking and its plan to another SIO, who must fit it as a first SIO would. */
  async reallocateSio(
    actor: Actor,
    id: string,
    request: ReallocateSioRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<AllocationResultDto> {
    const { command, check } = await this.allocation(actor, request, correlationId);
    const reallocation = { ...command, reason: request.reason };
    const fitsAndReplaces = async (referral: ReferralEntity): Promise<void> => {
      refuseOwnerChange('SIO', referral.sioSub, command.officer, request.reason);
      await check(referral);
      reallocation.ruleExceptions = command.ruleExceptions;
      reallocation.loan = command.loan;
    };
    const result = await this.updates.send(
      actor,
      id,
      { type: 'REALLOCATE_SIO' },
      reallocateSioUpdate,
      reallocation,
      fitsAndReplaces,
      keyedRequest(idempotencyKey, request),
    );
    return allocationResult(result, command);
  }

  async nameLro(
    actor: Actor,
    id: string,
    request: NameLroRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const { command, check } = await this.lroNaming(actor, request, correlationId);
    const keyed = keyedRequest(idempotencyKey, request);
    return statusView(await this.updates.send(actor, id, { type: 'NAME_LRO' }, nameLroUpdate, command, check, keyed));
  }

  /** The referring force hands the tasking and its plan to another LRO of a force concerned. */
  async replaceLro(
    actor: Actor,
    id: string,
    request: ReplaceLroRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const { command, check } = await this.lroNaming(actor, request, correlationId);
    const concernedAndReplaces = async (referral: ReferralEntity): Promise<void> => {
      await check(referral);
      refuseOwnerChange('LRO', referral.lroSub, command.lro, request.reason);
    };
    const replacement = { ...command, reason: request.reason };
    const keyed = keyedRequest(idempotencyKey, request);
    const event = { type: 'REPLACE_LRO' } as const;
    return statusView(
      await this.updates.send(actor, id, event, replaceLroUpdate, replacement, concernedAndReplaces, keyed),
    );
  }

  async close(
    actor: Actor,
    id: string,
    request: CloseReferralRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const closing = { outcome: request.outcome };
    const event = { type: 'CLOSE' } as const;
    return this.updates.sendRequest(actor, id, event, closeReferralUpdate, closing, correlationId, idempotencyKey);
  }

  /**
   * An SIO for the referral: of its region (or lent to it for this tasking by an approved mutual-aid request),
   * without a declared conflict, vetted enough; one breaking the specialism or capacity rule needs an exception
   * justification (judged here on the workload read model, and passed on for the workflow to check again).
   */
  private async allocation(
    actor: Actor,
    request: AllocateSioRequest,
    correlationId: string,
  ): Promise<Prepared<AllocateSioCommand>> {
    const officer = await this.officers.find(request.officerSub);
    const command: AllocateSioCommand = {
      actor,
      correlationId,
      officer: {
        sub: request.officerSub,
        name: officer?.name ?? '',
        org: officer?.org ?? '',
        region: officer?.region ?? '',
      },
      justification: request.justification,
      conflictDeclaration: request.conflictDeclaration,
      ruleExceptions: [],
      exceptionJustification: request.exceptionJustification,
    };
    const check = async (referral: ReferralEntity): Promise<void> => {
      if (officer?.role !== 'SIO') throw unknownOfficer('officerSub', 'officerSub must name an SIO from GET /officers');
      const loan = await this.mutualAid.approvedLoan(referral.id, officer.sub);
      const ineligible = sioAllocationRefusal({
        officer,
        referral,
        conflicted: (await this.officers.conflicted(referral.id)).has(officer.sub),
        loan,
      });
      if (ineligible !== null) throw new DomainError(ineligible.code, ineligible.message, { officerSub: officer.sub });
      command.loan = loan;
      const needs = await this.officers.needsOf(referral);
      if (!vettingMeets(officer.vetting, needs.vetting)) {
        throw new DomainError(
          'BUSINESS_RULE',
          `${officer.name} holds ${officer.vetting} vetting; this tasking needs ${needs.vetting} or higher.`,
        );
      }
      const rules = await this.officers.rulesFor(officer, referral);
      const broken = rulesNeedingJustification(rules);
      const refusal = exceptionRefusal(broken, request.exceptionJustification);
      if (refusal !== null) {
        throw new DomainError('ALLOCATION_NEEDS_JUSTIFICATION', refusal, {
          rules: rules.filter((check) => broken.includes(check.rule)),
          errors: [{ field: 'exceptionJustification', code: 'required', message: refusal }],
        });
      }
      command.ruleExceptions = broken;
    };
    return { command, check };
  }

  /** An LRO of the referring force or of another force the referral affects (an agency has no LRO of its own). */
  private async lroNaming(
    actor: Actor,
    request: NameLroRequest,
    correlationId: string,
  ): Promise<Prepared<NameLroCommand>> {
    const officer = await this.officers.find(request.officerSub);
    const command: NameLroCommand = {
      actor,
      correlationId,
      lro: { sub: request.officerSub, name: request.name, org: officer?.org ?? '' },
    };
    const check = async (referral: ReferralEntity): Promise<void> => {
      const forces = [referral.ownerOrg, ...referral.submission.forcesAffected];
      if (officer?.role !== 'LRO' || !forces.includes(officer.org)) {
        throw unknownOfficer(
          'officerSub',
          'officerSub must name an LRO of the referring force or of a force the referral affects (GET /officers?role=LRO)',
        );
      }
    };
    return { command, check };
  }
}

/** A declared conflict is recorded and blocks the officer, but allocates nobody: 422, choose another SIO. */
function allocationResult(result: AllocateSioResult, command: AllocateSioCommand): AllocationResultDto {
  if (!result.allocated) {
    throw new DomainError(
      'CONFLICT_OF_INTEREST',
      `${command.officer.name} declared a conflict of interest: recorded, and blocked from this referral. Choose another SIO.`,
      { officerSub: command.officer.sub },
    );
  }
  return { ...statusView(result.snapshot), sio: { sub: command.officer.sub, name: command.officer.name } };
}
