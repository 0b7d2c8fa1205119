import { Module } from '@nestjs/common';
import { KnownCodeConstraint } from '../common/known-code.validator';
import { ReferenceModule } from '../reference/reference.module';
import { DeadlinePoliciesProvider } from './deadline-policies.provider';
import { ReferralCommandsService } from './referral-commands.service';
import { ReferralQueriesService } from './referral-queries.service';
import { ReferralsController } from './referrals.controller';

@Module({
  imports: [ReferenceModule],
  controllers: [ReferralsController],
  providers: [ReferralCommandsService, ReferralQueriesService, DeadlinePoliciesProvider, KnownCodeConstraint],
})
export class ReferralsModule {}
