import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency';
import { ReferralsModule } from '../referrals/referrals.module';
import { PlanCommandsService } from './plan-commands.service';
import { PlanQueriesService } from './plan-queries.service';
import { PlansController } from './plans.controller';

@Module({
  imports: [ReferralsModule],
  controllers: [PlansController],
  providers: [PlanCommandsService, PlanQueriesService, IdempotencyService],
})
export class PlansModule {}
