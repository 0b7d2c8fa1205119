import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@rocu/domain';

/** The authenticated caller: the token's claims plus the organisation's region from reference data. */
export interface CurrentUser extends Actor {
  vetting?: string;
}

export interface AuthenticatedRequest {
  user?: CurrentUser;
}

export const User = createParamDecorator((_data: unknown, context: ExecutionContext): CurrentUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('User decorator used on a route without authentication');
  return user;
});
