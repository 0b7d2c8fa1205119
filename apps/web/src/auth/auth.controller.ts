import { Body, Controller, Get, Post, Query, Render, Req, Res, Session } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebConfig } from '@rocu/config';
import { errorSummary } from '../errors/error-summary';
import { keepRefusedForm, takeRefusedForm } from '../errors/form-state';
import { SESSION_COOKIE } from '../setup/sessions';
import { Public } from './auth-metadata';
import { DEV_PERSONAS, personaLabel } from './dev-personas';
import { SignInService } from './sign-in.service';
import type { WebSession } from './web-session';

type SessionRequest = Request & { session: WebSession };

@Public()
@Controller()
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
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
