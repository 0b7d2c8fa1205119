import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency';
import { KnownCodeConstraint } from '../common/known-code.validator';
import { NationalPrioritiesService } from '../national/national-priorities.service';
import { ReferenceModule } from '../reference/reference.module';
import { RegionsModule } from '../regions/regions.module';
import { DeadlinePoliciesProvider } from './deadline-policies.provider';
import { ReferralCommandsService } from './referral-commands.service';
import { ReferralQueriesService } from './referral-queries.service';
import { ReferralUpdatesService } from './referral-updates.service';
import { ReferralsController } from './referrals.controller';

@Module({
  imports: [ReferenceModule, RegionsModule],
  controllers: [ReferralsController],
  providers: [
    ReferralCommandsService,
    IdempotencyService,
    ReferralQueriesService,
    ReferralUpdatesService,
    DeadlinePoliciesProvider,
    KnownCodeConstraint,
    // The assessor aligns work to a national priority (issue 16): the national module uses the same one.
    NationalPrioritiesService,
  ],
  exports: [ReferralQueriesService, ReferralUpdatesService, ReferralCommandsService, NationalPrioritiesService],
})
export class ReferralsModule {}
