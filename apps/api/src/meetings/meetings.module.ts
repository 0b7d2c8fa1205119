import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency';
import { RegionsModule } from '../regions/regions.module';
import { DeviationReportService } from './deviation-report.service';
import { MeetingCommandsService } from './meeting-commands.service';
import { MeetingQueriesService } from './meeting-queries.service';
import { MeetingsController } from './meetings.controller';
import { MinutesService } from './minutes.service';

@Module({
  imports: [RegionsModule],
  controllers: [MeetingsController],
  providers: [
    MeetingCommandsService,
    MeetingQueriesService,
    MinutesService,
    DeviationReportService,
    IdempotencyService,
  ],
})
export class MeetingsModule {}
