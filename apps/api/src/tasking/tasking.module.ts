import { Module } from '@nestjs/common';
import { OfficersModule } from '../officers/officers.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { TaskingCommandsService } from './tasking-commands.service';
import { TaskingController } from './tasking.controller';

@Module({
  imports: [ReferralsModule, OfficersModule],
  controllers: [TaskingController],
  providers: [TaskingCommandsService],
})
export class TaskingModule {}
