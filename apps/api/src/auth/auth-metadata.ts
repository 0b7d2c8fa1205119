import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Role } from '@rocu/domain';

export const IS_PUBLIC = 'rocu:isPublic';
export const REQUIRED_ROLES = 'rocu:roles';

/**
 * Opts a route out of authentication (health and the dev token only); its OpenAPI operation declares that
 * no credentials are needed (an empty security requirement) instead of the document's bearer default.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/** The caller needs at least one of these roles; record-level checks happen in the service. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
