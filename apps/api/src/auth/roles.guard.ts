import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@rocu/domain';
import { AuthenticatedRequest } from './current-user';
import { REQUIRED_ROLES } from './auth-metadata';

/** Global guard: enforces @Roles(...) after authentication. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (user && user.roles.some((role) => required.includes(role))) return true;
    throw new ForbiddenException(`This action needs one of the roles: ${required.join(', ')}`);
  }
}
