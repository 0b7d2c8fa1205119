import {
  applyDecorators,
  CanActivate,
  Controller,
  ExecutionContext,
  Injectable,
  mixin,
  Type,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@rocu/domain';
import type { Request } from 'express';
import { csrf } from '../setup/security';
import { ApiProblemError } from '../errors/api-problem';
import { CsrfRefusedError, SignInRequiredError } from '../errors/web-errors';
import { PUBLIC_ROUTE } from './auth-metadata';
import type { WebSession } from './web-session';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const SIGN_OUT_PATH = '/sign-out';

/**
 * Every form must carry this session's CSRF token, signed in or not (the sign-in form too). Signing out a session
 * with nobody in it changes nothing, so it needs none: a tab's timeout warning may sign out a session another tab
 * has just ended, token and all, and should then reach "You have signed out", not "This form could not be sent".
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { session?: WebSession }>();
    if (request.path === SIGN_OUT_PATH && !request.session?.user) return true;
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

/**
 * A journey's pages for the roles it serves (`@PagesFor(...)` below): anyone else gets the "you cannot
 * do this" page. The API checks role and record again on every call; this only keeps people off pages
 * that cannot work for them.
 */
export function onlyFor(roles: readonly Role[], detail: string): Type<CanActivate> {
  class OnlyForRoles implements CanActivate {
    canActivate(context: ExecutionContext): boolean {
      const session = context.switchToHttp().getRequest<{ session?: WebSession }>().session;
      if (!session?.user?.roles.some((role) => roles.includes(role))) {
        throw new ApiProblemError({ status: 403, title: 'Forbidden', detail });
      }
      return true;
    }
  }
  return mixin(OnlyForRoles);
}

/** A controller of pages at `path` for `roles` only: `@Controller(path)` behind `onlyFor(roles, detail)`. */
export const PagesFor = (path: string, roles: readonly Role[], detail: string): ClassDecorator =>
  applyDecorators(UseGuards(onlyFor(roles, detail)), Controller(path));
