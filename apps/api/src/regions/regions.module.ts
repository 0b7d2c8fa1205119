import { Module } from '@nestjs/common';
import { RegionSettingsService } from './region-settings.service';
import { RegionsController } from './regions.controller';

@Module({
  controllers: [RegionsController],
  providers: [RegionSettingsService],
  exports: [RegionSettingsService],
})
export class RegionsModule {}
