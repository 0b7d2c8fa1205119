import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { DevTokenController } from './dev-token.controller';
import { DevTokenService } from './dev-token.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';
import { TokenService } from './token-service';

@Module({
  imports: [ReferenceModule],
  controllers: [DevTokenController],
  providers: [TokenService, DevTokenService, JwtAuthGuard, RolesGuard],
  exports: [TokenService, JwtAuthGuard, RolesGuard],
})
export class AuthModule {}
