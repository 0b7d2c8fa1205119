import { Module } from '@nestjs/common';
import { MutualAidModule } from '../mutual-aid/mutual-aid.module';
import { OfficersModule } from '../officers/officers.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { TaskingCommandsService } from './tasking-commands.service';
import { TaskingController } from './tasking.controller';

@Module({
  imports: [ReferralsModule, OfficersModule, MutualAidModule],
  controllers: [TaskingController],
  providers: [TaskingCommandsService],
})
export class TaskingModule {}
