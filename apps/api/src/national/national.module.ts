import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { IdempotencyService } from '../common/idempotency';
import { NationalPriorityCommandsService } from './national-priority-commands.service';
import { NationalQueueService } from './national-queue.service';
import { NationalRhythmService } from './national-rhythm.service';
import { NationalTaskingController } from './national-tasking.controller';
import { NationalTaskingService } from './national-tasking.service';
import { NationalController } from './national.controller';

/** The NCA's national queue, national priorities, tasking requests and the national rhythm (issue 16). */
@Module({
  imports: [ReferralsModule, ReferenceModule],
  controllers: [NationalController, NationalTaskingController],
  providers: [
    NationalQueueService,
    NationalTaskingService,
    NationalRhythmService,
    NationalPriorityCommandsService,
    IdempotencyService,
  ],
})
export class NationalModule {}
