import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency';
import { OfficersModule } from '../officers/officers.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { MutualAidController } from './mutual-aid.controller';
import { MutualAidService } from './mutual-aid.service';

/** Mutual aid between ROCUs (issue 16): requests for an SIO or a capability, and SIO loans. */
@Module({
  imports: [ReferralsModule, OfficersModule],
  controllers: [MutualAidController],
  providers: [MutualAidService, IdempotencyService],
  exports: [MutualAidService],
})
export class MutualAidModule {}
