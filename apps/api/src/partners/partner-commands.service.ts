import { Injectable } from '@nestjs/common';
import { Actor, dateKey, DomainError, partnerCheckErrors, ReferralEvent, toLondon } from '@rocu/domain';
import { disposeToPartnerUpdate, recordPartnerCheckUpdate } from '@rocu/contracts';
import { keyedRequest } from '../common/keyed-update';
import { ReferralUpdatesService } from '../referrals/referral-updates.service';
import { ReferralStatusDto, statusView } from '../referrals/referral-views.dto';
import { PartnerCheckRequest, PartnerDisposalRequest } from './partner-requests.dto';

/** The GAIN co-ordinator's work on a referral: partner-agency checks and disposals, each an Update on its workflow. */
@Injectable()
export class PartnerCommandsService {
  constructor(private readonly updates: ReferralUpdatesService) {}

  async recordCheck(
    actor: Actor,
    id: string,
    request: PartnerCheckRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const check = { ...request };
    const event: ReferralEvent = { type: 'RECORD_PARTNER_CHECK' };
    // Judged after visibility and role, so nobody learns about a referral from a refused date.
    const validCheck = (): void => {
      const errors = partnerCheckErrors(check, dateKey(toLondon(new Date())));
      if (errors.length > 0) throw new DomainError('VALIDATION', 'The partner check is not valid', { errors });
    };
    const command = { actor, correlationId, check };
    const keyed = keyedRequest(idempotencyKey, request);
    return statusView(await this.updates.send(actor, id, event, recordPartnerCheckUpdate, command, validCheck, keyed));
  }

  async dispose(
    actor: Actor,
    id: string,
    request: PartnerDisposalRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const event: ReferralEvent = { type: 'DISPOSE_TO_PARTNER' };
    return this.updates.sendRequest(actor, id, event, disposeToPartnerUpdate, request, correlationId, idempotencyKey);
  }
}
