import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module';
import { PartnerCommandsService } from './partner-commands.service';
import { PartnersController } from './partners.controller';

/** GAIN partner checks and disposals (issue 16). */
@Module({
  imports: [ReferralsModule],
  controllers: [PartnersController],
  providers: [PartnerCommandsService],
})
export class PartnersModule {}
