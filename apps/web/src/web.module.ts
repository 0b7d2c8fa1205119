import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { WebConfigModule } from '@rocu/config';
import { ApiClient } from './api/api-client.service';
import { AuthController } from './auth/auth.controller';
import { OidcSignInService } from './auth/oidc-sign-in.service';
import { SessionTimeoutController } from './auth/session-timeout';
import { SignInService } from './auth/sign-in.service';
import { CsrfGuard, SignedInGuard } from './auth/web-guards';
import { WebExceptionFilter } from './errors/web-exception.filter';
import { DraftStore } from './drafts/draft-store';
import { ReferenceData } from './reference/reference-data.service';
import { GatewayController } from './routes/gateway/gateway.controller';
import { GatewayService } from './routes/gateway/gateway.service';
import { PartnersController } from './routes/gateway/partners.controller';
import { NationalController } from './routes/national/national.controller';
import { NationalRhythmController } from './routes/national/national-rhythm.controller';
import { PrioritiesController } from './routes/national/priorities.controller';
import { TaskingRequestsController } from './routes/national/tasking-requests.controller';
import { MutualAidController } from './routes/mutual-aid/mutual-aid.controller';
import { AccessibilityController } from './routes/accessibility/accessibility.controller';
import { MakeReferralController } from './routes/make-referral/make-referral.controller';
import { MakeReferralService } from './routes/make-referral/make-referral.service';
import { ReferralsController } from './routes/referrals/referrals.controller';
import { PlansController } from './routes/plans/plans.controller';
import { LroController } from './routes/taskings/lro.controller';
import { TaskingsController } from './routes/taskings/taskings.controller';
import { HealthController } from './routes/health/health.controller';
import { HomeController } from './routes/home/home.controller';
import { MeetingsController } from './routes/meetings/meetings.controller';
import { NotificationsController } from './routes/notifications/notifications.controller';
import { UnreadCountInterceptor } from './routes/notifications/unread-count.interceptor';
import { DevMailboxController } from './routes/dev-mailbox/dev-mailbox.controller';
import { WebDatabase } from './setup/web-database';

@Module({
  imports: [WebConfigModule],
  // "Make a referral" (referrals/new/...), the 4P plan (referrals/:id/plan/...) and naming the LRO before a
  // referral's pages (referrals/:id/:action): routes match in order.
  controllers: [
    HomeController,
    AuthController,
    HealthController,
    AccessibilityController,
    MakeReferralController,
    PlansController,
    LroController,
    ReferralsController,
    TaskingsController,
    MeetingsController,
    GatewayController,
    PartnersController,
    NationalController,
    TaskingRequestsController,
    PrioritiesController,
    NationalRhythmController,
    MutualAidController,
    NotificationsController,
    DevMailboxController,
    SessionTimeoutController,
  ],
  providers: [
    ApiClient,
    WebDatabase,
    SignInService,
    OidcSignInService,
    DraftStore,
    ReferenceData,
    MakeReferralService,
    GatewayService,
    { provide: APP_FILTER, useClass: WebExceptionFilter },
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: SignedInGuard },
    { provide: APP_INTERCEPTOR, useClass: UnreadCountInterceptor },
  ],
})
export class WebModule {}
