import { Injectable } from '@nestjs/common';
import {
  Actor,
  AllocationRule,
  DomainError,
  exceptionRefusal,
  rulesNeedingJustification,
  vettingMeets,
} from '@rocu/domain';
import { allocateSioUpdate, closeReferralUpdate, nameLroUpdate } from '@rocu/contracts';
import type { ReferralEntity } from '@rocu/persistence';
import { OfficersService } from '../officers/officers.service';
import { ReferralUpdatesService } from '../referrals/referral-updates.service';
import { ReferralStatusDto, statusView } from '../referrals/referral-views.dto';
import { AllocateSioRequest, AllocationResultDto, CloseReferralRequest, NameLroRequest } from './tasking-requests.dto';

const unknownOfficer = (field: string, message: string) =>
  new DomainError('VALIDATION', message, { errors: [{ field, code: 'unknown_officer', message }] });

/** After adoption: the ROCU manager allocates the SIO, the force names its LRO, the ROCU manager closes. */
@Injectable()
export class TaskingCommandsService {
  constructor(
    private readonly updates: ReferralUpdatesService,
    private readonly officers: OfficersService,
  ) {}

  async allocateSio(
    actor: Actor,
    id: string,
    request: AllocateSioRequest,
    correlationId: string,
  ): Promise<AllocationResultDto> {
    const officer = await this.officers.find(request.officerSub);
    const fitsReferral = async (referral: ReferralEntity): Promise<void> => {
      if (officer?.role !== 'SIO') throw unknownOfficer('officerSub', 'officerSub must name an SIO from GET /officers');
      if (officer.region !== referral.region) {
        throw new DomainError('BUSINESS_RULE', "The SIO must come from the referral's region.");
      }
      if ((await this.officers.conflicted(referral.id)).has(officer.sub)) {
        throw new DomainError(
          'CONFLICT_OF_INTEREST',
          `${officer.name} has declared a conflict of interest with this referral or its subject and cannot be its SIO.`,
          { officerSub: officer.sub },
        );
      }
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
    const command = {
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
      // Judged against the workload read model just before sending (below), and re-checked by the workflow.
      ruleExceptions: [] as AllocationRule[],
      exceptionJustification: request.exceptionJustification,
    };
    const { snapshot, allocated } = await this.updates.send(
      actor,
      id,
      { type: 'ALLOCATE_SIO' },
      allocateSioUpdate,
      command,
      fitsReferral,
    );
    if (!allocated) {
      throw new DomainError(
        'CONFLICT_OF_INTEREST',
        `${command.officer.name} declared a conflict of interest: recorded, and blocked from this referral. Choose another SIO.`,
        { officerSub: request.officerSub },
      );
    }
    return { ...statusView(snapshot), sio: { sub: command.officer.sub, name: command.officer.name } };
  }

  async nameLro(actor: Actor, id: string, request: NameLroRequest, correlationId: string): Promise<ReferralStatusDto> {
    const officer = await this.officers.find(request.officerSub);
    // The OCG may belong to the referring force or to another force it affects (an agency's referral has no LRO of its own).
    const ofAForceConcerned = (referral: ReferralEntity): void => {
      const forces = [referral.ownerOrg, ...referral.submission.forcesAffected];
      if (officer?.role !== 'LRO' || !forces.includes(officer.org)) {
        throw unknownOfficer(
          'officerSub',
          'officerSub must name an LRO of the referring force or of a force the referral affects (GET /officers?role=LRO)',
        );
      }
    };
    const command = {
      actor,
      correlationId,
      lro: { sub: request.officerSub, name: request.name, org: officer?.org ?? '' },
    };
    return statusView(
      await this.updates.send(actor, id, { type: 'NAME_LRO' }, nameLroUpdate, command, ofAForceConcerned),
    );
  }

  async close(
    actor: Actor,
    id: string,
    request: CloseReferralRequest,
    correlationId: string,
  ): Promise<ReferralStatusDto> {
    const command = { actor, correlationId, outcome: request.outcome };
    return statusView(await this.updates.send(actor, id, { type: 'CLOSE' }, closeReferralUpdate, command));
  }
}
