import {
  Body,
  Controller,
  Get,
  Logger,
  NotFoundException,
  Post,
  Query,
  Render,
  Req,
  Res,
  Session,
} from '@nestjs/common';
import type { Response } from 'express';
import { WebConfig } from '@rocu/config';
import { errorSummary } from '../errors/error-summary';
import { keepRefusedForm, takeRefusedForm } from '../errors/form-state';
import { SESSION_COOKIE } from '../setup/sessions';
import { Public } from './auth-metadata';
import { DEV_PERSONAS, personaLabel } from './dev-personas';
import { redirectAfterSaving } from '../setup/redirect-after-saving';
import { OIDC_CALLBACK_PATH, OidcSignInService, SignInRefusedError } from './oidc-sign-in.service';
import { SignInService } from './sign-in.service';
import type { SessionRequest, WebSession } from './web-session';

/** "30 minutes", or the seconds of a timeout that is not whole minutes (a test's). */
function idleTimeoutText(seconds: number): string {
  const [count, unit] = seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

@Public()
@Controller()
export class AuthController {
  private readonly logger = new Logger(AuthController.name);

  constructor(
    private readonly signIn: SignInService,
    private readonly oidc: OidcSignInService,
    private readonly config: WebConfig,
  ) {}

  @Get('sign-in')
  @Render('auth/sign-in.njk')
  signInPage(@Session() session: WebSession, @Query('reason') reason?: string): object {
    const refused = takeRefusedForm(session, '/sign-in');
    return {
      pageTitle: 'Sign in',
      devMode: this.config.AUTH_MODE === 'dev',
      expired: reason === 'expired',
      personas: DEV_PERSONAS.map((persona) => ({
        value: persona.id,
        text: personaLabel(persona),
        hint: { text: persona.name },
      })),
      errors: refused && errorSummary(refused.problem),
    };
  }

  @Post('sign-in')
  async signInAsPersona(
    @Req() request: SessionRequest,
    @Res() response: Response,
    @Body('persona') persona: unknown,
  ): Promise<void> {
    const next = this.config.AUTH_MODE === 'dev' ? await this.signIn.signInAsPersona(request, persona) : undefined;
    if (next) return response.redirect(303, next);
    keepRefusedForm(request.session, {
      path: '/sign-in',
      problem: {
        status: 400,
        detail: 'Select who to sign in as',
        errors: [{ field: 'persona', code: 'required', message: 'Select who to sign in as' }],
      },
      values: {},
    });
    // The refusal is read by the page the redirect loads: store it first (see redirectAfterSaving).
    await redirectAfterSaving(request.session, response, '/sign-in');
  }

  /** AUTH_MODE=oidc: off to the identity provider, with a fresh state, nonce and PKCE verifier in the session. */
  @Get('sign-in/oidc')
  async signInWithProvider(@Req() request: SessionRequest, @Res() response: Response): Promise<void> {
    this.requireOidc();
    response.redirect(303, await this.oidc.authorisationUrl(request));
  }

  /** The provider's answer. Anything wrong (state, code, nonce, claims, a replay) is refused with nothing signed in. */
  @Get(OIDC_CALLBACK_PATH)
  async oidcCallback(@Req() request: SessionRequest, @Res() response: Response): Promise<void> {
    this.requireOidc();
    try {
      response.redirect(303, await this.oidc.finish(request));
    } catch (error) {
      if (!(error instanceof SignInRefusedError)) throw error;
      this.logger.warn(`OpenID Connect sign-in refused: ${error.message}`);
      response.status(400).render('auth/sign-in-failed.njk', { pageTitle: 'Sign-in did not work' });
    }
  }

  /**
   * Ends the session here, revokes its refresh token, then (with OpenID Connect) ends it at the provider when it
   * offers an end-session endpoint.
   */
  @Post('sign-out')
  async signOut(
    @Req() request: SessionRequest,
    @Res() response: Response,
    @Body('reason') reason: unknown,
  ): Promise<void> {
    const { idToken } = request.session;
    const refreshTokens = await this.signIn.signOut(request);
    response.clearCookie(SESSION_COOKIE);
    await Promise.all(refreshTokens.map((refreshToken) => this.oidc.revoke(refreshToken)));
    // The timeout warning signs out with the reason, which the page then gives (the provider's return has none).
    const signedOut = reason === 'inactive' ? '/signed-out?reason=inactive' : '/signed-out';
    response.redirect(303, this.config.AUTH_MODE === 'oidc' ? await this.oidc.signedOutUrl(idToken) : signedOut);
  }

  private requireOidc(): void {
    if (this.config.AUTH_MODE !== 'oidc') throw new NotFoundException();
  }

  @Get('signed-out')
  @Render('auth/signed-out.njk')
  signedOut(@Query('reason') reason?: string): object {
    return {
      pageTitle: 'You have signed out',
      inactive: reason === 'inactive',
      idleFor: idleTimeoutText(this.config.SESSION_IDLE_TIMEOUT_SECONDS),
    };
  }
}
