import { SetMetadata } from '@nestjs/common';
import type { Role } from '@rocu/domain';

export const IS_PUBLIC = 'rocu:isPublic';
export const REQUIRED_ROLES = 'rocu:roles';

/** Opts a route out of authentication (health and the dev token only). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles; record-level checks happen in the service. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
