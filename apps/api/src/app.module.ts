import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { UndeclaredQueryGuard } from './common/undeclared-query.guard';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { SerializedRequest } from 'pino';
import { AppConfig, AppConfigModule } from '@rocu/config';
import { errorSerializers, loggedUrl, traceLogFields } from '@rocu/observability';
import { appDatabaseModule } from '@rocu/persistence';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RolesGuard } from './auth/roles.guard';
import { correlationIdFor } from '@rocu/observability';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { AddressThrottlerGuard, IdentityThrottlerGuard, throttlers } from './common/throttling';
import { HealthModule } from './health/health.module';
import { MeetingsModule } from './meetings/meetings.module';
import { ObservabilityModule } from './observability/observability.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OfficersModule } from './officers/officers.module';
import { PlansModule } from './plans/plans.module';
import { ReferenceModule } from './reference/reference.module';
import { ReferralsModule } from './referrals/referrals.module';
import { RegionsModule } from './regions/regions.module';
import { TaskingModule } from './tasking/tasking.module';
import { PartnersModule } from './partners/partners.module';
import { NationalModule } from './national/national.module';
import { MutualAidModule } from './mutual-aid/mutual-aid.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          // The request's logger already binds its correlation id; the mixin adds the trace's.
          mixin: traceLogFields(false),
          genReqId: correlationIdFor,
          customAttributeKeys: { reqId: 'correlationId' },
          // Method and path only: headers carry tokens and reasons for reading, queries a search by a subject's name.
          // Errors without the values a failed statement was given (loggedError).
          serializers: {
            ...errorSerializers,
            req: (req: SerializedRequest) => ({ id: req.id, method: req.method, url: loggedUrl(req.url) }),
          },
          autoLogging: { ignore: (req) => req.url?.startsWith('/api/v1/health') ?? false },
        },
      }),
    }),
    appDatabaseModule(),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: throttlers,
    }),
    TemporalModule,
    AuthModule,
    HealthModule,
    ObservabilityModule,
    ReferenceModule,
    ReferralsModule,
    RegionsModule,
    MeetingsModule,
    OfficersModule,
    TaskingModule,
    PartnersModule,
    NationalModule,
    MutualAidModule,
    PlansModule,
    AuditModule,
    NotificationsModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: AddressThrottlerGuard },
    { provide: APP_GUARD, useExisting: JwtAuthGuard },
    { provide: APP_GUARD, useClass: IdentityThrottlerGuard },
    { provide: APP_GUARD, useExisting: RolesGuard },
    { provide: APP_GUARD, useClass: UndeclaredQueryGuard },
  ],
})
export class AppModule {}
