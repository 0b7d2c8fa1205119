import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module';
import { OfficersController } from './officers.controller';
import { OfficersService } from './officers.service';

@Module({
  imports: [ReferralsModule],
  controllers: [OfficersController],
  providers: [OfficersService],
  exports: [OfficersService],
})
export class OfficersModule {}
