import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { csrf } from '../setup/security';
import { CsrfRefusedError, SignInRequiredError } from '../errors/web-errors';
import { PUBLIC_ROUTE } from './auth-metadata';
import type { WebSession } from './web-session';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every form must carry this session's CSRF token, signed in or not (the sign-in form too). */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (STATE_CHANGING.has(request.method) && !csrf.isRequestValid(request)) throw new CsrfRefusedError();
    return true;
  }
}

/** Every page needs a signed-in person unless marked @Public(). */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const session = context.switchToHttp().getRequest<Request & { session?: WebSession }>().session;
    if (!session?.user || !session.apiToken) throw new SignInRequiredError();
    return true;
  }
}
