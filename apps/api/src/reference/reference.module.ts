import { Module } from '@nestjs/common';
import { ReferenceController } from './reference.controller';
import { ReferenceDataService } from './reference-data.service';
import { ReferenceService } from './reference.service';

@Module({
  controllers: [ReferenceController],
  providers: [ReferenceDataService, ReferenceService],
  exports: [ReferenceDataService],
})
export class ReferenceModule {}
