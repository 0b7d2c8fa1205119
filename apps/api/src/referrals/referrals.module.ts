import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency';
import { KnownCodeConstraint } from '../common/known-code.validator';
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
  ],
  exports: [ReferralQueriesService, ReferralUpdatesService, ReferralCommandsService],
})
export class ReferralsModule {}
