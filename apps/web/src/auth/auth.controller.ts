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
import type { Request, Response } from 'express';
import { WebConfig } from '@rocu/config';
import { errorSummary } from '../errors/error-summary';
import { keepRefusedForm, takeRefusedForm } from '../errors/form-state';
import { SESSION_COOKIE } from '../setup/sessions';
import { Public } from './auth-metadata';
import { DEV_PERSONAS, personaLabel } from './dev-personas';
import { OIDC_CALLBACK_PATH, OidcSignIn } from './oidc-sign-in.service';
import { SignInService } from './sign-in.service';
import type { WebSession } from './web-session';

type SessionRequest = Request & { session: WebSession };

@Public()
@Controller()
export class AuthController {
  private readonly logger = new Logger(AuthController.name);

  constructor(
    private readonly signIn: SignInService,
    private readonly oidc: OidcSignIn,
    private readonly config: WebConfig,
  ) {}

  /** AUTH_MODE=oidc: off to the identity provider (authorisation code with PKCE). */
  @Get('sign-in/oidc')
  async startOidc(@Session() session: WebSession, @Res() response: Response): Promise<void> {
    if (this.config.AUTH_MODE !== 'oidc') throw new NotFoundException();
    response.redirect(303, await this.oidc.authorisationUrl(session));
  }

  /** The provider sends the person back here with a code; a failed exchange is a clear page, not a 500. */
  @Get(OIDC_CALLBACK_PATH.slice(1))
  async oidcCallback(@Req() request: SessionRequest, @Res() response: Response): Promise<void> {
    if (this.config.AUTH_MODE !== 'oidc') throw new NotFoundException();
    let signedIn: Awaited<ReturnType<OidcSignIn['complete']>>;
    try {
      signedIn = await this.oidc.complete(request, request.session);
    } catch (error) {
      this.logger.warn(`OpenID Connect sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
      return response.status(403).render('auth/sign-in-failed.njk', { pageTitle: 'You could not be signed in' });
    }
    response.redirect(303, await this.signIn.begin(request, signedIn.user, signedIn.apiToken));
  }

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
    response.redirect(303, '/sign-in');
  }

  @Post('sign-out')
  async signOut(@Req() request: SessionRequest, @Res() response: Response): Promise<void> {
    await this.signIn.signOut(request);
    response.clearCookie(SESSION_COOKIE);
    response.redirect(303, '/signed-out');
  }

  @Get('signed-out')
  @Render('auth/signed-out.njk')
  signedOut(): object {
    return { pageTitle: 'You have signed out' };
  }
}
