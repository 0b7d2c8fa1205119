import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module';
import { NationalQueueService } from './national-queue.service';
import { NationalController } from './national.controller';

/** The NCA's national queue (issue 16). */
@Module({
  imports: [ReferralsModule],
  controllers: [NationalController],
  providers: [NationalQueueService],
})
export class NationalModule {}
