import { Injectable } from '@nestjs/common';
import { Actor } from '@rocu/domain';
import { ReferenceDataService } from '../reference/reference-data.service';
import { ReferralCommandsService } from '../referrals/referral-commands.service';
import { SubmitReferralResponse } from '../referrals/referral-views.dto';
import { NationalPrioritiesService } from './national-priorities.service';
import { NationalTaskingRequest } from './national-tasking.dto';

/**
 * NCA tasking requests (issue 16): a referral the NCA makes to a region against a national priority, with its
 * own score. Its workflow takes it straight to the region's next TTCG, where it is flagged as national.
 */
@Injectable()
export class NationalTaskingService {
  constructor(
    private readonly referrals: ReferralCommandsService,
    private readonly priorities: NationalPrioritiesService,
    private readonly reference: ReferenceDataService,
  ) {}

  async request(
    actor: Actor,
    request: NationalTaskingRequest,
    idempotencyKey: string | undefined,
    correlationId: string,
  ): Promise<{ created: boolean; referral: SubmitReferralResponse }> {
    const { nationalPriority, assessment, ...submission } = request;
    await this.priorities.requireActive(nationalPriority);
    const { rationale, ...scored } = assessment;
    return this.referrals.submit(actor, submission, idempotencyKey, correlationId, {
      nationalPriority,
      assessment: scored,
      scheme: await this.reference.currentScheme(),
      rationale: { ...rationale },
    });
  }
}
